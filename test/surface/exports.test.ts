import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBuilt, root, run, scratchApp } from "./built-app.js";
import { readSurface, type RuntimeSpec } from "./fixture.js";

/**
 * Every runtime export auth0@5.14.1 has (test/surface/surface.txt, from the contract's exports-v5.json) exists on the
 * BUILT package, from an ES module program and from a CommonJS one, with the same kind: classes with their name, the
 * parent the contract names (anywhere up the chain), their static and prototype methods; enum objects with exactly
 * v5's members (count and digest of the sorted key/value pairs); strings with their value; objects, functions.
 */

interface Described {
  readonly kind: string;
  readonly name?: string;
  readonly ancestors?: readonly string[];
  readonly statics?: readonly string[];
  readonly methods?: readonly string[];
  readonly count?: number;
  readonly digest?: string;
  readonly value?: string;
}

const built = isBuilt();
if (!built) console.info("surface exports.test: dist/ is missing, so the built package was not checked (run node scripts/build.mjs)");
const surface = readSurface();
let app: ReturnType<typeof scratchApp>;
beforeAll(() => void (app = scratchApp("surface-exports-")));
afterAll(() => app?.remove());

async function describeEntry(format: "esm" | "cjs", entry: string): Promise<Record<string, Described>> {
  const script = join(root, "test/surface/describe-exports.mjs");
  const { stdout } = await run(process.execPath, ["--preserve-symlinks", script, format, entry], { cwd: app.dir, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as Record<string, Described>;
}

/** What differs between the contract's `spec` and the built value at `path` ("" when nothing does). */
function difference(path: string, spec: RuntimeSpec, actual: Described | undefined): string {
  if (actual === undefined) return `${path}: missing`;
  const expectedKind = spec.kind === "enum" ? "object" : spec.kind;
  if (actual.kind !== expectedKind) return `${path}: a ${actual.kind}, v5 exports a ${spec.kind}`;
  switch (spec.kind) {
    case "class": {
      const problems: string[] = [];
      const name = path.slice(path.lastIndexOf(".") + 1);
      if (actual.name !== name) problems.push(`named ${actual.name}`);
      if (spec.parent !== undefined && !actual.ancestors?.includes(spec.parent)) problems.push(`no ancestor ${spec.parent} (${actual.ancestors?.join(" → ")})`);
      const statics = spec.statics.filter((method) => !actual.statics?.includes(method));
      const methods = spec.methods.filter((method) => !actual.methods?.includes(method));
      if (statics.length > 0) problems.push(`no static ${statics.join(", ")}`);
      if (methods.length > 0) problems.push(`no method ${methods.join(", ")}`);
      return problems.length > 0 ? `${path}: ${problems.join("; ")}` : "";
    }
    case "enum":
      return actual.count === spec.count && actual.digest === spec.digest ? "" : `${path}: members differ from v5's (${actual.count} of ${spec.count})`;
    case "string":
      return actual.value === spec.value ? "" : `${path}: ${JSON.stringify(actual.value)}, v5 has ${JSON.stringify(spec.value)}`;
    default:
      return "";
  }
}

describe.runIf(built)("the export surface of the built package", () => {
  for (const [entry, names] of surface) {
    for (const format of ["esm", "cjs"] as const) {
      it(`${entry} (${format === "esm" ? "ES module" : "CommonJS"}) exports every value v5 does, as v5 does`, async () => {
        const described = await describeEntry(format, entry);
        const checked = names.filter((name) => name.runtime !== undefined);
        const problems = checked.map((name) => difference(name.path, name.runtime!, described[name.path])).filter((problem) => problem !== "");
        expect(problems).toEqual([]);
        // The fixture is not empty, and the walk saw the values it checks.
        expect(checked.length).toBeGreaterThan(entry === "auth0" ? 900 : 420);
      }, 60_000);
    }
  }

  it("reads the contract's counts: 33 auth0 exports and 427 auth0/legacy ones, 350 enum objects among the latter", () => {
    const topLevel = (entry: string) => surface.get(entry)!.filter((name) => name.runtime !== undefined && !name.path.includes("."));
    expect(topLevel("auth0")).toHaveLength(33);
    expect(topLevel("auth0/legacy")).toHaveLength(427);
    expect(topLevel("auth0/legacy").filter((name) => name.runtime!.kind === "enum")).toHaveLength(350);
  });
});
