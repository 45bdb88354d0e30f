import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/**
 * The package as users get it: `npm pack` of the built dist/, unpacked as `node_modules/auth0` of a temporary folder
 * whose other `node_modules` entries link this repository's (axios, ioredis, @types/node, …). A project made inside
 * that folder resolves "auth0" to exactly the published files, with nothing fetched from the network.
 */
export interface PackedPackage {
  /** The temporary folder: put consumer projects in it. */
  readonly folder: string;
  readonly tarball: string;
  remove(): void;
}

const run = promisify(execFile);
export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

export async function installPacked(): Promise<PackedPackage> {
  if (!existsSync(join(repositoryRoot, "dist/index.d.ts"))) throw new Error("dist/ is missing: run `node scripts/build.mjs` first (npm test does)");
  const folder = mkdtempSync(join(tmpdir(), "auth0-packed-"));
  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", folder], { cwd: repositoryRoot });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  const tarball = join(folder, filename);
  const modules = join(folder, "node_modules");
  mkdirSync(join(modules, "auth0"), { recursive: true });
  await run("tar", ["-xzf", tarball, "-C", join(modules, "auth0"), "--strip-components=1"]);
  for (const name of readdirSync(join(repositoryRoot, "node_modules"))) {
    if (name.startsWith(".") || name === "auth0") continue;
    symlinkSync(join(repositoryRoot, "node_modules", name), join(modules, name), "dir");
  }
  return { folder, tarball, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
