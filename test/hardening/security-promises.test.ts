import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// SECURITY.md promises what tests hold: each promise is quoted in a test's name, each case tried names its test.
const root = join(import.meta.dirname, "../..");
const policy = readFileSync(join(root, "SECURITY.md"), "utf8");

function section(title: string): string {
  const start = policy.indexOf(`## ${title}`);
  expect(start, `SECURITY.md has a "## ${title}" section`).toBeGreaterThanOrEqual(0);
  const end = policy.indexOf("\n## ", start + 1);
  return policy.slice(start, end < 0 ? undefined : end);
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "fixtures" ? [] : testFiles(path);
    return /\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}
const tests = [...testFiles(join(root, "test")), ...readdirSync(join(root, "plugins")).flatMap((name) => (existsSync(join(root, "plugins", name, "test")) ? testFiles(join(root, "plugins", name, "test")) : []))];
const sources = new Map(tests.map((path) => [relative(root, path), readFileSync(path, "utf8")]));

const promises = [...section("What the SDK guarantees").matchAll(/^- "([^"]+?)\.?"/gm)].map((match) => match[1]!);
const cases = [...section("Cases tried and held").matchAll(/^\| (.+?) \| `([^`]+)` \((["'])(.+)\3\) \|$/gm)].map((match) => ({ name: match[1]!, path: match[2]!, title: match[4]! }));

describe("SECURITY.md", () => {
  it("makes promises and lists the cases tried", () => {
    expect(promises.length).toBeGreaterThanOrEqual(10);
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(promises)('quotes "%s" in the name of a test', (promise) => {
    const quoted = [...sources].filter(([, source]) => source.includes(`"${promise}"`)).map(([path]) => path);
    expect(quoted, `no test name quotes "${promise}"`).not.toEqual([]);
  });

  it.each(cases)("points the case tried ($name) at a test that exists", ({ path, title }) => {
    const source = sources.get(path);
    expect(source, `${path} is a test file`).toBeDefined();
    expect(source).toContain(title);
  });
});
