/**
 * `npm run generate -- --spec <openapi.json> --compat <management-v5.json> [--out <dir>] [--fallbacks <file>] [--wire-tests <dir>]`
 * Paths are relative to the working directory; the defaults are relative to the repository root.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generate } from "./generate.js";
import { loadInputs } from "./load.js";
import { WIRE_HEADER, wireTestFiles } from "./wire-tests.js";
import { writeOutput, writeText } from "./write.js";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const DEFAULTS = {
  spec: resolve(REPO_ROOT, "../shared/specs/management-api.openapi.json"),
  compat: resolve(REPO_ROOT, "../shared/compat/management-v5.json"),
  out: resolve(REPO_ROOT, "src/management/generated"),
  fallbacks: resolve(REPO_ROOT, "scripts/generate/FALLBACKS.md"),
  wireTests: resolve(REPO_ROOT, "test/management/wire"),
};

/** A generated wire test: hand-written files next to them (the runner) are never removed. */
function isWireTest(path: string): boolean {
  return path.endsWith(".test.ts") && readFileSync(path, "utf8").startsWith(WIRE_HEADER);
}

/** Runs the generator; returns the process exit code. */
export function main(argv: readonly string[], log: (line: string) => void = console.log): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      spec: { type: "string" },
      compat: { type: "string" },
      out: { type: "string" },
      fallbacks: { type: "string" },
      "wire-tests": { type: "string" },
    },
    strict: true,
  });
  const spec = values.spec === undefined ? DEFAULTS.spec : resolve(values.spec);
  const compat = values.compat === undefined ? DEFAULTS.compat : resolve(values.compat);
  const out = values.out === undefined ? DEFAULTS.out : resolve(values.out);
  const fallbacks = values.fallbacks === undefined ? DEFAULTS.fallbacks : resolve(values.fallbacks);
  const wireTests = values["wire-tests"] === undefined ? DEFAULTS.wireTests : resolve(values["wire-tests"]);

  const missing = [spec, compat].filter((path) => !existsSync(path));
  if (missing.length) {
    log(`generate: nothing generated, input not found: ${missing.join(", ")}`);
    log("generate: pass --spec <management-api.openapi.json> --compat <management-v5.json>");
    return 0;
  }

  const output = generate(loadInputs(spec, compat));
  const result = writeOutput(out, output.files);
  writeText(fallbacks, output.fallbacksReport);
  const wireFiles = wireTestFiles(JSON.parse(readFileSync(compat, "utf8")) as unknown, output.opaqueTypes);
  const wireResult = writeOutput(wireTests, wireFiles, isWireTest);
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
  log(
    `generate: ${wireFiles.size} wire test files in ${wireTests} ` +
      `(${wireResult.written} written, ${wireResult.unchanged} unchanged, ${wireResult.removed} removed)`,
  );
  return 0;
}
