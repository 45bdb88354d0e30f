import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPacked, repositoryRoot, type PackedPackage } from "./packed-package.js";

// The two linters of published packages, run on the tarball `npm pack` makes (what the registry would get).
// arethetypeswrong resolves every entry point under node10, node16 (from CJS and from ESM) and bundler and reports
// missing or mis-formatted types; publint checks package.json against the files (formats, exports, fields).
const run = promisify(execFile);
const bin = (name: string) => join(repositoryRoot, "node_modules/.bin", name);

interface AttwReport {
  analysis: { problems: unknown[]; entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }> };
  problems: Record<string, unknown> | unknown[];
}

let packed: PackedPackage;
beforeAll(async () => {
  packed = await installPacked();
}, 120_000);
afterAll(() => packed?.remove());

describe("the packed package passes the package linters", () => {
  it("arethetypeswrong finds no problem, and resolves types for every entry point in every mode", async () => {
    const { stdout } = await run(bin("attw"), [packed.tarball, "--format", "json"], { maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout) as AttwReport;
    expect(Object.values(report.problems).flat()).toEqual([]);
    expect(report.analysis.problems).toEqual([]);
    const entrypoints = Object.keys(report.analysis.entrypoints).filter((subpath) => subpath !== "./package.json");
    // Every subpath the package exports, as package.json lists them: a new entry is linted without editing this test.
    const exported = Object.keys((JSON.parse(readFileSync(join(repositoryRoot, "package.json"), "utf8")) as { exports: Record<string, unknown> }).exports);
    expect(entrypoints.sort()).toEqual(exported.filter((subpath) => subpath !== "./package.json").sort());
    for (const subpath of entrypoints) {
      const resolutions = report.analysis.entrypoints[subpath]!.resolutions;
      expect(Object.keys(resolutions).sort(), subpath).toEqual(["bundler", "node10", "node16-cjs", "node16-esm"]);
      // node16 from ESM and bundler get the ES module declarations; require and node10 the CommonJS ones.
      expect(resolutions["node16-esm"]?.resolution?.fileName, subpath).toMatch(/\/dist\/[\w-]+\.d\.ts$/);
      expect(resolutions["bundler"]?.resolution?.fileName, subpath).toMatch(/\/dist\/[\w-]+\.d\.ts$/);
      expect(resolutions["node16-cjs"]?.resolution?.fileName, subpath).toMatch(/\/dist\/[\w-]+\.d\.cts$/);
      expect(resolutions["node10"]?.resolution?.fileName, subpath).toMatch(/\/dist\/[\w-]+\.d\.cts$/);
    }
  }, 180_000);

  it("publint reports nothing, not even a suggestion", async () => {
    const { stdout } = await run(bin("publint"), ["run", packed.tarball, "--strict", "--level", "suggestion"]);
    expect(stdout).toContain("All good!");
    expect(stdout).not.toMatch(/Suggestions:|Warnings:|Errors:/);
  }, 120_000);
});
