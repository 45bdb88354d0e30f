import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { END, START, readResults, renderTable } from "../../bench/readme-table.mjs";

// The README's performance figures are one bench run's output: the table between the markers is exactly what
// bench/readme-table.mjs renders from the committed bench/results.json, every row `npm run bench` defines has been
// measured, and no ratio is written by hand elsewhere in the README (where it could disagree with the table).
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
// The rows the runner defines, as it lists them (some ids are built from a table, so reading its source would not do).
const defined = execFileSync(process.execPath, [new URL("../../bench/run.mjs", import.meta.url).pathname, "--list"], { encoding: "utf8" })
  .split("\n")
  .filter((line) => line !== "");
const results = readResults();

describe("the README's performance table", () => {
  it("is the rendering of bench/results.json", () => {
    expect(results, "bench/results.json is missing: run npm run bench").toBeDefined();
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, "README.md lacks the bench markers").toBeGreaterThan(-1);
    expect(readme.slice(start + START.length, end).trim(), "README.md's table is not bench/results.json's: run node bench/readme-table.mjs").toBe(renderTable(results!));
  });

  it("has a measured row for every row bench/run.mjs defines, and no other", () => {
    expect(defined.length).toBeGreaterThan(5);
    expect(results!.rows.map((row) => row.id)).toEqual(defined);
    for (const row of results!.rows) expect(row.ours.text, row.id).not.toBe("");
  });

  it("is the only place in the README with a measured ratio", () => {
    const outside = readme.slice(0, readme.indexOf(START)) + readme.slice(readme.indexOf(END));
    expect(outside.match(/\d\.\d\d×/g) ?? []).toEqual([]);
  });
});
