import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
// @ts-expect-error -- a build script in plain JavaScript, without declarations
import { privateReflectForTsyringeVite, tsyringeEsm } from "./scripts/tsyringe-reflect.mjs";

export default defineConfig({
  // Tests run tsyringe as the build ships it: with a private Reflect, never patching the global one.
  plugins: [privateReflectForTsyringeVite],
  // Plugins build on the public surface: they import "auth0", which tests resolve to the sources.
  resolve: {
    alias: [
      { find: /^tsyringe$/, replacement: tsyringeEsm },
      { find: /^auth0$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      { find: /^auth0\/testing$/, replacement: fileURLToPath(new URL("./src/testing/index.ts", import.meta.url)) },
      { find: /^auth0\/legacy$/, replacement: fileURLToPath(new URL("./plugins/legacy/index.ts", import.meta.url)) },
      { find: /^auth0\/mtls$/, replacement: fileURLToPath(new URL("./src/auth/mtls-node.ts", import.meta.url)) },
      { find: /^auth0\/plugins\/([a-z-]+)$/, replacement: fileURLToPath(new URL("./plugins/$1/index.ts", import.meta.url)) },
      { find: /^auth0\/plugins\/([a-z-]+)\/([a-z-]+)$/, replacement: fileURLToPath(new URL("./plugins/$1/$2/index.ts", import.meta.url)) },
    ],
  },
  test: {
    // Inlined so the plugin above sees them (node_modules are otherwise loaded by Node, untransformed).
    server: { deps: { inline: ["tsyringe", "reflect-metadata"] } },
    include: ["test/**/*.test.ts", "plugins/*/test/**/*.test.ts"],
    exclude: ["test/runtimes/**", "**/node_modules/**"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // A stray rejection fails the run: no call may be lost silently.
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
