import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Plugins build on the public surface: they import "auth0", which tests resolve to the sources.
  resolve: {
    alias: [
      { find: /^auth0$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      { find: /^auth0\/testing$/, replacement: fileURLToPath(new URL("./src/testing/index.ts", import.meta.url)) },
      { find: /^auth0\/legacy$/, replacement: fileURLToPath(new URL("./plugins/legacy/index.ts", import.meta.url)) },
      { find: /^auth0\/mtls$/, replacement: fileURLToPath(new URL("./src/auth/mtls-node.ts", import.meta.url)) },
      { find: /^auth0\/plugins\/([a-z-]+)$/, replacement: fileURLToPath(new URL("./plugins/$1/index.ts", import.meta.url)) },
      { find: /^auth0\/plugins\/([a-z-]+)\/([a-z-]+)$/, replacement: fileURLToPath(new URL("./plugins/$1/$2/index.ts", import.meta.url)) },
    ],
  },
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
