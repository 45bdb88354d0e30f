/**
 * `npm run generate -- --spec <openapi.json> --compat <management-v5.json> [--out <dir>] [--fallbacks <file>]`
 * Paths are relative to the working directory; the defaults are relative to the repository root.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generate } from "./generate.js";
import { loadInputs } from "./load.js";
import { writeOutput, writeText } from "./write.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const DEFAULTS = {
  spec: resolve(REPO_ROOT, "../shared/specs/management-api.openapi.json"),
  compat: resolve(REPO_ROOT, "../shared/compat/management-v5.json"),
  out: resolve(REPO_ROOT, "src/management/generated"),
  fallbacks: resolve(REPO_ROOT, "scripts/generate/FALLBACKS.md"),
};

/** Runs the generator; returns the process exit code. */
export function main(argv: readonly string[], log: (line: string) => void = console.log): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      spec: { type: "string" },
      compat: { type: "string" },
      out: { type: "string" },
      fallbacks: { type: "string" },
    },
    strict: true,
  });
  const spec = values.spec === undefined ? DEFAULTS.spec : resolve(values.spec);
  const compat = values.compat === undefined ? DEFAULTS.compat : resolve(values.compat);
  const out = values.out === undefined ? DEFAULTS.out : resolve(values.out);
  const fallbacks = values.fallbacks === undefined ? DEFAULTS.fallbacks : resolve(values.fallbacks);

  const missing = [spec, compat].filter((path) => !existsSync(path));
  if (missing.length) {
    log(`generate: nothing generated, input not found: ${missing.join(", ")}`);
    log("generate: pass --spec <management-api.openapi.json> --compat <management-v5.json>");
    return 0;
  }

  const output = generate(loadInputs(spec, compat));
  const result = writeOutput(out, output.files);
  writeText(fallbacks, output.fallbacksReport);
  const bytes = [...output.files.values()].reduce((total, content) => total + Buffer.byteLength(content), 0);
  const { stats } = output;
  log(
    `generate: ${output.files.size} files, ${bytes} bytes in ${out} ` +
      `(${result.written} written, ${result.unchanged} unchanged, ${result.removed} removed)`,
  );
  log(
    `generate: ${stats.endpoints} endpoints; ${stats.schemas} schemas, ${stats.enums} enums, ${stats.requestTypes} request types, ` +
      `${stats.declarations} declarations; ${stats.fallbacks} types fell back to unknown (${fallbacks})`,
  );
  return 0;
}
