import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entries } from "../../scripts/entries.mjs";
import { installPacked, repositoryRoot, type PackedPackage } from "./packed-package.js";

/**
 * The declarations as users get them (the packed package), type-checked with `skipLibCheck: false` by small apps that
 * use every entry point, in each type environment an app may have, under each module resolution. One `tsc` per cell.
 *
 * Environments: Node-only (`lib: es2023` + @types/node, no DOM), a browser-like one (`lib: es2023, dom`, no Node
 * types) and Cloudflare Workers (@cloudflare/workers-types, no DOM). The Node-only entries (`auth0/testing`,
 * `auth0/mtls`, `auth0/plugins/redis`: platform "node" in scripts/entries.mjs) are checked in the Node environment
 * only: they import Node built-ins, so an app of another runtime cannot use them.
 *
 * Resolutions: `node10` (CommonJS, subpaths through `typesVersions`), `node16` with a CommonJS app, `nodenext` with
 * an ES module app, and `bundler`.
 */

const run = promisify(execFile);
const tsc = join(repositoryRoot, "node_modules/typescript/bin/tsc");
const apps = join(import.meta.dirname, "type-matrix");
const pkg = JSON.parse(readFileSync(join(repositoryRoot, "package.json"), "utf8")) as { exports: Record<string, { require?: { types?: string } }> };

const environments = {
  node: { lib: ["es2023"], types: ["node"] },
  dom: { lib: ["es2023", "dom"], types: [] },
  workers: { lib: ["es2023"], types: ["@cloudflare/workers-types"] },
} as const;
type Environment = keyof typeof environments;

const resolutions = {
  node10: { format: "commonjs", options: { module: "commonjs", moduleResolution: "node10", esModuleInterop: true } },
  "node16-cjs": { format: "commonjs", options: { module: "node16", moduleResolution: "node16" } },
  "nodenext-esm": { format: "module", options: { module: "nodenext", moduleResolution: "nodenext" } },
  bundler: { format: "module", options: { module: "esnext", moduleResolution: "bundler" } },
} as const;
type Resolution = keyof typeof resolutions;

/** The specifier an app imports an entry by, from package.json "exports". */
function specifierOf(name: string): string {
  if (name === "index") return "auth0";
  const subpath = Object.keys(pkg.exports).find((key) => pkg.exports[key]?.require?.types === `./dist/${name}.d.cts`);
  if (subpath === undefined) throw new Error(`entry ${name} has no "exports" subpath whose require types are dist/${name}.d.cts`);
  return `auth0${subpath.slice(1)}`;
}

/** The app for an entry: its own file in type-matrix/, or (an entry added since) one that loads all it exports. */
function appFor(name: string): string {
  const file = join(apps, `${name}.ts`);
  return existsSync(file) ? readFileSync(file, "utf8") : `import * as entry from "${specifierOf(name)}";\nexport type Entry = typeof entry;\n`;
}

const cells = (Object.keys(environments) as Environment[]).flatMap((environment) =>
  (Object.keys(resolutions) as Resolution[]).map((resolution) => ({
    environment,
    resolution,
    entries: entries.filter((entry) => entry.platform === "neutral" || environment === "node").map((entry) => entry.name),
  })),
);

let packed: PackedPackage;
beforeAll(async () => {
  packed = await installPacked();
}, 120_000);
afterAll(() => packed?.remove());

/** At most one tsc per core at a time: each is a few seconds of CPU. */
const slots = { free: Math.max(1, availableParallelism()), waiting: [] as (() => void)[] };
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots.free === 0) await new Promise<void>((resolve) => slots.waiting.push(resolve));
  else slots.free--;
  try {
    return await work();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  }
}

function writeCell(cell: (typeof cells)[number]): string {
  const dir = join(packed.folder, "cells", `${cell.environment}-${cell.resolution}`);
  mkdirSync(dir, { recursive: true });
  const { format, options } = resolutions[cell.resolution];
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `cell-${cell.environment}-${cell.resolution}`, private: true, type: format }));
  for (const name of cell.entries) writeFileSync(join(dir, `${name}.ts`), appFor(name));
  const compilerOptions = { target: "ES2022", strict: true, noEmit: true, skipLibCheck: false, ...environments[cell.environment], ...options };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: cell.entries.map((name) => `${name}.ts`) }, null, 2));
  return dir;
}

describe("the published declarations type-check in every environment and module resolution", () => {
  it("covers every entry point of package.json", () => {
    const covered = entries.map((entry) => specifierOf(entry.name));
    const published = Object.keys(pkg.exports).filter((key) => key !== "./package.json").map((key) => `auth0${key.slice(1)}`);
    expect(covered.sort()).toEqual(published.sort());
  });

  it.concurrent.each(cells.map((cell) => [`${cell.environment} × ${cell.resolution}`, cell] as const))("%s", async (_name, cell) => {
    const dir = writeCell(cell);
    const output = await withSlot(() =>
      run(process.execPath, [tsc, "-p", dir, "--listFiles"], { maxBuffer: 16 * 1024 * 1024 }).then(
        ({ stdout }) => stdout,
        (error: { stdout?: string }) => error.stdout ?? String(error),
      ),
    );
    const errors = output.split("\n").filter((line) => line.includes("error TS"));
    expect(errors, `tsc in ${dir}`).toEqual([]);

    const files = output.split("\n").map((line) => line.trim().replaceAll("\\", "/"));
    const loaded = (path: string) => files.some((file) => file.endsWith(path));
    // The app's format picks the declarations: ES module declarations for import, CommonJS ones for require.
    const esm = resolutions[cell.resolution].format === "module";
    expect(loaded("node_modules/auth0/dist/index.d.ts"), "index.d.ts loaded").toBe(esm);
    expect(loaded("node_modules/auth0/dist/index.d.cts"), "index.d.cts loaded").toBe(!esm);
    expect(loaded(`node_modules/auth0/dist/legacy.${esm ? "d.ts" : "d.cts"}`), "legacy types resolved").toBe(true);
    // Each environment sees only its own globals: no Node types outside Node, no DOM outside the DOM cells.
    expect(files.some((file) => file.includes("/@types/node/")), "@types/node loaded").toBe(cell.environment === "node");
    expect(loaded("lib.dom.d.ts"), "lib.dom loaded").toBe(cell.environment === "dom");
  }, 600_000);
});
