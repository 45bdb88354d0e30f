import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULTS, main } from "../../../scripts/generate-legacy/cli.js";
import { HEADER } from "../../../scripts/generate-legacy/emit.js";
import { generateLegacy } from "../../../scripts/generate-legacy/generate.js";
import { loadV4, loadV5 } from "../../../scripts/generate-legacy/load.js";
import { loadSurface } from "../../../scripts/generate-legacy/surface.js";
import { WIRE_HEADER } from "../../../scripts/generate-legacy/wire-tests.js";

const root = resolve(import.meta.dirname, "../../..");
const hasShared = [DEFAULTS.compat, DEFAULTS.v5, DEFAULTS.exports, DEFAULTS.types].every((path) => existsSync(path));
const generateFromShared = () => generateLegacy(loadV4(DEFAULTS.compat), loadV5(DEFAULTS.v5), loadSurface(DEFAULTS.exports, DEFAULTS.types));
if (!hasShared) console.info("legacy generator.test: ../shared/compat is absent, so the checks against the v4 and v5 tables were skipped");

const scratch = mkdtempSync(join(tmpdir(), "legacy-generator-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the legacy generator", () => {
  it("without its inputs prints what it needs and exits 0", () => {
    const lines: string[] = [];
    const code = main(["--compat", join(scratch, "missing-v4.json"), "--v5", join(scratch, "missing-v5.json"), "--out", join(scratch, "none")], (line) => lines.push(line));
    expect(code).toBe(0);
    expect(lines.join("\n")).toMatch(/nothing generated, input not found/);
    expect(existsSync(join(scratch, "none"))).toBe(false);
  });

  it.runIf(hasShared)("reproduces the committed output byte for byte", () => {
    const output = generateFromShared();
    for (const [name, content] of output.generated) {
      expect(readFileSync(join(root, "plugins/legacy/generated", name), "utf8"), `plugins/legacy/generated/${name} is stale: run npm run generate:legacy`).toBe(content);
    }
    expect(readdirSync(join(root, "plugins/legacy/generated")).sort()).toEqual([...output.generated.keys()].sort());
    for (const [name, content] of output.wireTests) {
      expect(readFileSync(join(root, "plugins/legacy/test/wire", name), "utf8"), `plugins/legacy/test/wire/${name} is stale`).toBe(content);
    }
  });

  it.runIf(hasShared)("gives identical output when run twice, every file starting with its generated header", () => {
    const first = generateFromShared();
    const second = generateFromShared();
    expect([...second.generated]).toEqual([...first.generated]);
    expect([...second.wireTests]).toEqual([...first.wireTests]);
    for (const content of first.generated.values()) expect(content.startsWith(HEADER)).toBe(true);
    for (const content of first.wireTests.values()) expect(content.startsWith(WIRE_HEADER)).toBe(true);
    expect(first.stats).toMatchObject({ methods: 334, managers: 41, unmatched: ["blacklists.getAll", "blacklists.add"] });
  });

  it.runIf(hasShared)("writes only what changed, removes its stale files and never a hand-written one", () => {
    const out = join(scratch, "out");
    const wire = join(scratch, "wire");
    const args = ["--compat", DEFAULTS.compat, "--v5", DEFAULTS.v5, "--exports", DEFAULTS.exports, "--types", DEFAULTS.types, "--out", out, "--wire-tests", wire];
    const log: string[] = [];
    main(args, (line) => log.push(line));
    writeFileSync(join(out, "stale.ts"), `${HEADER}\nexport {};\n`);
    writeFileSync(join(out, "mine.ts"), "// hand-written\n");
    log.length = 0;
    main(args, (line) => log.push(line));
    expect(log[0]).toMatch(/\(0 written, 6 unchanged, 1 removed\)/);
    expect(readdirSync(out).sort()).toEqual(["endpoints.ts", "enum-table.ts", "enums.ts", "managers.ts", "mine.ts", "model-names.ts", "models.ts"]);
  });
});
