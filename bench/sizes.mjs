// Sizes: an esbuild bundle of a one-call app (minified, and gzipped), and the package as npm would pack it.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** An app bundler's output for `contents` (an ES module importing the package), as the one-call app is bundled. */
export function bundleApp(contents, packageDir = root) {
  return build({
    stdin: { contents, resolveDir: packageDir, loader: "js" },
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
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["import", "default"],
    external: ["node:*"],
    write: false,
    logLevel: "silent",
  });
}

export async function measureBundle(packageDir = root, name = "auth0") {
  const result = await bundleApp(
    `import { ManagementClient } from "${name}";\nconst client = new ManagementClient({ domain: "tenant.auth0.com", token: "t" });\nconsole.log(await client.users.get("auth0|1"));\n`,
    packageDir,
  );
  const files = result.outputFiles.map((file) => ({ path: file.path, bytes: file.contents.length, gzip: gzipSync(file.contents).length }));
  const outputs = result.metafile.outputs;
  // Loaded for users.get: the entry chunk, its static imports, and the transport chunk (ky) imported on first request.
  const loaded = files.filter((file) => {
    const inputs = Object.keys(outputs[Object.keys(outputs).find((key) => file.path.endsWith(key))]?.inputs ?? {});
    return !inputs.some((input) => input.includes("node_modules/jose/"));
  });
  const sum = (list, key) => list.reduce((total, file) => total + file[key], 0);
  return { bytes: sum(loaded, "bytes"), gzip: sum(loaded, "gzip"), allBytes: sum(files, "bytes"), allGzip: sum(files, "gzip") };
}

export function measurePackage() {
  const [info] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, stdio: ["ignore", "pipe", "ignore"] }).toString());
  return { packed: info.size, unpacked: info.unpackedSize, files: info.entryCount };
}
