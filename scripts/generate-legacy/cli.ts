/**
 * `npm run generate:legacy -- --compat <legacy-v4.json> --v5 <management-v5.json> --exports <exports-v5.json>
 *   --types <types-v5.json> [--out <dir>] [--wire-tests <dir>]`
 * Paths are relative to the working directory; the defaults are relative to the repository root.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { HEADER } from "./emit.js";
import { generateLegacy } from "./generate.js";
import { loadV4, loadV5 } from "./load.js";
import { loadSurface } from "./surface.js";
import { WIRE_HEADER } from "./wire-tests.js";
import { writeFiles } from "./write.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const DEFAULTS = {
  compat: resolve(REPO_ROOT, "../shared/compat/legacy-v4.json"),
  v5: resolve(REPO_ROOT, "../shared/compat/management-v5.json"),
  exports: resolve(REPO_ROOT, "../shared/compat/exports-v5.json"),
  types: resolve(REPO_ROOT, "../shared/compat/types-v5.json"),
  out: resolve(REPO_ROOT, "plugins/legacy/generated"),
  wireTests: resolve(REPO_ROOT, "plugins/legacy/test/wire"),
};

/** Runs the generator; returns the process exit code. */
export function main(argv: readonly string[], log: (line: string) => void = console.log): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      compat: { type: "string" },
      v5: { type: "string" },
      exports: { type: "string" },
      types: { type: "string" },
      out: { type: "string" },
      "wire-tests": { type: "string" },
    },
    strict: true,
  });
  const compat = values.compat === undefined ? DEFAULTS.compat : resolve(values.compat);
  const v5 = values.v5 === undefined ? DEFAULTS.v5 : resolve(values.v5);
  const exportsFile = values.exports === undefined ? DEFAULTS.exports : resolve(values.exports);
  const types = values.types === undefined ? DEFAULTS.types : resolve(values.types);
  const out = values.out === undefined ? DEFAULTS.out : resolve(values.out);
  const wireTests = values["wire-tests"] === undefined ? DEFAULTS.wireTests : resolve(values["wire-tests"]);

  const missing = [compat, v5, exportsFile, types].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    log(`generate:legacy: nothing generated, input not found: ${missing.join(", ")}`);
    log("generate:legacy: pass --compat <legacy-v4.json> --v5 <management-v5.json> --exports <exports-v5.json> --types <types-v5.json>");
    return 0;
  }

  const output = generateLegacy(loadV4(compat), loadV5(v5), loadSurface(exportsFile, types));
  const generated = writeFiles(out, output.generated, HEADER);
  const wire = writeFiles(wireTests, output.wireTests, WIRE_HEADER);
  const bytes = [...output.generated.values()].reduce((total, content) => total + Buffer.byteLength(content), 0);
  const { stats } = output;
  log(
    `generate:legacy: ${output.generated.size} files, ${bytes} bytes in ${out} ` +
      `(${generated.written} written, ${generated.unchanged} unchanged, ${generated.removed} removed)`,
  );
  log(
    `generate:legacy: ${stats.methods} methods in ${stats.managers} managers; ${stats.requests} request types, ${stats.enums} enums, ` +
      `${stats.aliases} type aliases; ${stats.unmatched.length} methods without a v5 endpoint (${stats.unmatched.join(", ") || "none"})`,
  );
  log(`generate:legacy: wire cases in ${wireTests} (${wire.written} written, ${wire.unchanged} unchanged, ${wire.removed} removed)`);
  return 0;
}
