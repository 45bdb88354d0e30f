import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The README's Install section, done for real: pack this repository as npm would publish it, install the tarball
// into a scratch app with the README's command (`npm install auth0@file:<tarball>`), and use it from ES modules and
// CommonJS. Offline: the app starts out depending on a tarball of the jose this repository installed (its one
// runtime dependency), so npm needs neither the registry nor its cache; a user's install fetches jose as usual.
// Runs on dist/ (npm test builds first), packed with --ignore-scripts so the pack does not build a second time.
const run = promisify(execFile);
const root = join(import.meta.dirname, "../..");
const fixtures = join(import.meta.dirname, "fixtures");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const quiet = ["--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"];

let work: string;
let app: string;
let tarball: string;

beforeAll(async () => {
  if (!existsSync(join(root, "dist/esm/index.js"))) throw new Error("dist/ is missing: run `node scripts/build.mjs` first (npm test does)");
  // Outside the repository, so "auth0" cannot resolve to this package by its own name.
  work = realpathSync(mkdtempSync(join(tmpdir(), "auth0-install-")));
  const packed = await run(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: root });
  tarball = join(work, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);
  const jose = await run(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work, join(root, "node_modules/jose")], { cwd: work });
  const joseTarball = (JSON.parse(jose.stdout) as Array<{ filename: string }>)[0]!.filename;

  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "scratch-app", private: true, dependencies: { jose: `file:../${joseTarball}` } }, null, 2));
  // The README's command, with the tarball's path.
  await run(npm, ["install", `auth0@file:${tarball}`, "--offline", ...quiet], { cwd: app });
  copyFileSync(join(fixtures, "use-esm.mjs"), join(app, "use-esm.mjs"));
  copyFileSync(join(fixtures, "use-cjs.cjs"), join(app, "use-cjs.cjs"));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball, installed as the README says", () => {
  it("is recorded in the app as its auth0 dependency, from the file", () => {
    const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(manifest.dependencies["auth0"]).toMatch(/^file:.*auth0-\d+\.\d+\.\d+\.tgz$/);
    const installed = JSON.parse(readFileSync(join(app, "node_modules/auth0/package.json"), "utf8")) as { name: string; license: string };
    expect(installed).toMatchObject({ name: "auth0", license: "MIT" });
    expect(existsSync(join(app, "node_modules/auth0/LICENSE"))).toBe(true);
    expect(existsSync(join(app, "node_modules/auth0/README.md"))).toBe(true);
  });

  it.each([
    ["an ES module", "use-esm.mjs", "esm@example.com"],
    ["CommonJS", "use-cjs.cjs", "cjs@example.com"],
  ])("works from %s: auth0, auth0/legacy and auth0/testing load from the app's node_modules and call the mock tenant", async (_kind, script, email) => {
    const { stdout } = await run(process.execPath, [script], { cwd: app, timeout: 60_000 });
    const result = JSON.parse(stdout) as { created: string; legacy: string; tokenRequests: number; resolved: string[] };
    expect(result.created).toBe(email);
    expect(result.legacy).toBe(email);
    expect(result.tokenRequests).toBe(2); // one per client: v5 and v4 each fetch their own token
    const installed = join(app, "node_modules", "auth0") + sep;
    for (const resolved of result.resolved) expect(resolved.replace(/^file:\/\//, "")).toContain(installed);
  }, 70_000);
});
