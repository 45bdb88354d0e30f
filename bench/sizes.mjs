// Sizes: an esbuild bundle of a one-call app (minified, and gzipped), and the package as npm would pack it.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** `platform`: "neutral" (no Node built-in may be bundled: what a Workers or browser bundle needs), or "node". */
export async function measureBundle(packageDir = root, name = "auth0", platform = "neutral") {
  const result = await build({
    stdin: {
      contents: `import { ManagementClient } from "${name}";\nconst client = new ManagementClient({ domain: "tenant.auth0.com", token: "t" });\nconsole.log(await client.users.get("auth0|1"));\n`,
      resolveDir: packageDir,
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    // Split, as an app bundler would: code behind a dynamic import (jose, for ID tokens and client assertions) lands in
    // its own chunk, loaded only if used. Reported: what the app loads for this call, and everything emitted.
    splitting: true,
    outdir: "out",
    metafile: true,
    // Resolve "auth0" as an installed package (dist/), not through this repo's tsconfig paths to the sources.
    tsconfigRaw: {},
    platform,
    ...(platform === "neutral" ? { mainFields: ["module", "main"], conditions: ["import", "default"] } : {}),
    external: ["node:*"],
    write: false,
    logLevel: "silent",
  });
  const files = result.outputFiles.map((file) => ({ path: file.path, bytes: file.contents.length, gzip: gzipSync(file.contents).length }));
  const outputs = result.metafile.outputs;
  // Loaded for users.get: the app's chunk, what it imports statically, and what it imports on demand (this package's
  // transport, on the first request) — except a chunk holding jose (ID tokens, client assertions), which a package
  // that imports jose lazily never loads for this call. A package that imports jose eagerly has it in a loaded chunk.
  const holdsJose = (key) => Object.keys(outputs[key].inputs).some((input) => input.includes("node_modules/jose/"));
  const entry = Object.keys(outputs).find((key) => outputs[key].entryPoint === "<stdin>");
  const loadedKeys = new Set();
  const visit = (key) => {
    if (loadedKeys.has(key)) return;
    loadedKeys.add(key);
    for (const imported of outputs[key].imports) {
      if (imported.external || !outputs[imported.path]) continue;
      if (imported.kind === "dynamic-import" && holdsJose(imported.path)) continue;
      visit(imported.path);
    }
  };
  visit(entry);
  const loaded = files.filter((file) => [...loadedKeys].some((key) => file.path.endsWith(key)));
  const sum = (list, key) => list.reduce((total, file) => total + file[key], 0);
  return { bytes: sum(loaded, "bytes"), gzip: sum(loaded, "gzip"), allBytes: sum(files, "bytes"), allGzip: sum(files, "gzip") };
}

/** The package as npm would pack it: this repository, or an installed package's folder (auth0@5.14.1's). */
export function measurePackage(packageDir = root) {
  const [info] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: packageDir, stdio: ["ignore", "pipe", "ignore"] }).toString());
  return { packed: info.size, unpacked: info.unpackedSize, files: info.entryCount };
}
