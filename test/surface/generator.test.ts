import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULTS, main } from "../../scripts/surface/cli.js";
import { loadRuntimeSurface, loadTypeSurface } from "../../scripts/surface/contract.js";
import { enumDigest, fixture, FIXTURE_HEADER } from "../../scripts/surface/fixture.js";
import { readSurface } from "./fixture.js";

const hasShared = existsSync(DEFAULTS.exports) && existsSync(DEFAULTS.types);
if (!hasShared) console.info("surface generator.test: ../shared/compat is absent, so the fixture was not compared with the contract");
const scratch = mkdtempSync(join(tmpdir(), "surface-generator-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the surface fixture (npm run generate:surface)", () => {
  it("without its inputs prints what it needs and exits 0", () => {
    const lines: string[] = [];
    const out = join(scratch, "none.txt");
    expect(main(["--exports", join(scratch, "a.json"), "--types", join(scratch, "b.json"), "--out", out], (line) => lines.push(line))).toBe(0);
    expect(lines.join("\n")).toMatch(/nothing generated, input not found/);
    expect(existsSync(out)).toBe(false);
  });

  it("digests an enum's members whatever their order, and tells different values apart", () => {
    expect(enumDigest([["B", "b"], ["A", "a"]])).toBe(enumDigest([["A", "a"], ["B", "b"]]));
    expect(enumDigest([["A", "a"]])).not.toBe(enumDigest([["A", "b"]]));
  });

  it.runIf(hasShared)("is the contract, as committed: regenerated, it is the same bytes", () => {
    const fresh = fixture(loadRuntimeSurface(DEFAULTS.exports), loadTypeSurface(DEFAULTS.types));
    expect(fresh.startsWith(FIXTURE_HEADER)).toBe(true);
    expect(fresh === readFileSync(DEFAULTS.out, "utf8"), "test/surface/surface.txt is stale: run npm run generate:surface").toBe(true);
  });

  it.runIf(hasShared)("reads back every name of the contract, front-coding undone", () => {
    const types = loadTypeSurface(DEFAULTS.types);
    const read = readSurface();
    for (const [entry, kinds] of types) {
      const names = new Map((read.get(entry) ?? []).map((name) => [name.path, name.typeKind]));
      for (const [name, kind] of kinds) expect(names.get(name), `${entry} ${name}`).toBe(kind);
    }
  });
});
