import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBuilt, root, run, scratchApp } from "./built-app.js";
import { readSurface } from "./fixture.js";
import { typeProgram } from "./type-program.js";

/**
 * Every type-level name auth0@5.14.1 exports (test/surface/surface.txt, from the contract's types-v5.json), for both
 * entries, used as its kind allows by one generated program per entry, which must compile against the BUILT
 * declarations (strict, skipLibCheck off). The enum objects' keys are checked against the built objects'.
 */

const built = isBuilt();
if (!built) console.info("surface types.test: dist/ is missing, so the built declarations were not checked (run node scripts/build.mjs)");
const surface = readSurface();
let app: ReturnType<typeof scratchApp>;
beforeAll(() => void (app = scratchApp("surface-types-")));
afterAll(() => app?.remove());

/** The keys of every object of the built entry whose values are strings or booleans, by dot path. */
async function builtKeys(entry: string): Promise<Map<string, readonly string[]>> {
  const script = join(root, "test/surface/describe-exports.mjs");
  const { stdout } = await run(process.execPath, ["--preserve-symlinks", script, "esm", entry], { cwd: app.dir, maxBuffer: 64 * 1024 * 1024 });
  const described = JSON.parse(stdout) as Record<string, { keys?: string[] }>;
  return new Map(Object.entries(described).flatMap(([path, value]) => (value.keys ? [[path, value.keys] as const] : [])));
}

describe.runIf(built)("the type-level surface of the built package", () => {
  it("compiles a program that uses every type-level name of auth0 and of auth0/legacy, with v5's kinds", async () => {
    const files: string[] = [];
    for (const [entry, names] of surface) {
      const file = `${entry.replace(/\W/g, "-")}.ts`;
      writeFileSync(join(app.dir, file), typeProgram(entry, names, await builtKeys(entry)));
      files.push(file);
    }
    const tsconfig = {
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2023", "DOM", "DOM.Iterable"],
        types: [],
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        preserveSymlinks: true,
      },
      files,
    };
    writeFileSync(join(app.dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const result = await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(app.dir, "tsconfig.json")]).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    // A generic type used without its type arguments (TS2314, TS2707) exists and is generic: how many arguments it
    // takes is not in the contract. Any other error is a name missing, or of the wrong kind.
    const errors = result.split("\n").filter((line) => line.includes("error TS") && !/error TS(2314|2707):/.test(line));
    expect(errors.slice(0, 40).join("\n")).toBe("");
    expect(result).not.toMatch(/error TS6/); // (a broken project, not a type error, would not list each name)
    expect(files).toEqual(["auth0.ts", "auth0-legacy.ts"]);
  }, 300_000);
});
