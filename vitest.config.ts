import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "plugins/*/test/**/*.test.ts"],
    exclude: ["test/runtimes/**", "**/node_modules/**"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // A stray rejection fails the run: no call may be lost silently.
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
