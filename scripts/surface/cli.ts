/**
 * `npm run generate:surface -- [--exports <exports-v5.json>] [--types <types-v5.json>] [--out <file>]`: the surface
 * tests' fixture (see fixture.ts). Without the inputs it prints what it needs and exits 0.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadRuntimeSurface, loadTypeSurface } from "./contract.js";
import { fixture } from "./fixture.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const DEFAULTS = {
  exports: resolve(REPO_ROOT, "../shared/compat/exports-v5.json"),
  types: resolve(REPO_ROOT, "../shared/compat/types-v5.json"),
  out: resolve(REPO_ROOT, "test/surface/surface.txt"),
};

export function main(argv: readonly string[], log: (line: string) => void = console.log): number {
  const { values } = parseArgs({ args: [...argv], options: { exports: { type: "string" }, types: { type: "string" }, out: { type: "string" } }, strict: true });
  const exportsFile = values.exports === undefined ? DEFAULTS.exports : resolve(values.exports);
  const typesFile = values.types === undefined ? DEFAULTS.types : resolve(values.types);
  const out = values.out === undefined ? DEFAULTS.out : resolve(values.out);
  const missing = [exportsFile, typesFile].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    log(`generate:surface: nothing generated, input not found: ${missing.join(", ")}`);
    log("generate:surface: pass --exports <exports-v5.json> --types <types-v5.json>");
    return 0;
  }
  const content = fixture(loadRuntimeSurface(exportsFile), loadTypeSurface(typesFile));
  const unchanged = existsSync(out) && readFileSync(out, "utf8") === content;
  if (!unchanged) writeFileSync(out, content);
  log(`generate:surface: ${out} ${unchanged ? "unchanged" : "written"} (${content.split("\n").length - 1} lines, ${Buffer.byteLength(content)} bytes)`);
  return 0;
}
