import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * A scratch app that installed the BUILT package: its node_modules/auth0 is this repository (a symlink, kept as a path
 * by --preserve-symlinks, as npm's copy would be), so "auth0" and "auth0/legacy" resolve through package.json "exports".
 */
export const root = join(import.meta.dirname, "../..");
export const run = promisify(execFile);

export const isBuilt = (): boolean =>
  ["dist/esm/index.js", "dist/cjs/index.cjs", "dist/esm/legacy.js", "dist/cjs/legacy.cjs", "dist/index.d.cts", "dist/legacy.d.cts"].every((file) =>
    existsSync(join(root, file)),
  );

export function scratchApp(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(root, join(dir, "node_modules/auth0"), "dir");
  writeFileSync(join(dir, "package.json"), '{ "type": "module", "private": true }\n');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
