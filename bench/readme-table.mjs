// The README's performance table is rendered from bench/results.json (what `npm run bench` wrote), between the
// markers below, so its numbers are one run's output and cannot drift from it. test/bench/readme-table.test.ts fails
// when the README's table is not the rendering of the committed results.
//   node bench/readme-table.mjs    re-render README.md from bench/results.json (npm run bench does this itself)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const START = "<!-- bench:start: rendered from bench/results.json by bench/readme-table.mjs; edit neither by hand -->";
export const END = "<!-- bench:end -->";
const resultsFile = fileURLToPath(new URL("./results.json", import.meta.url));
const readmeFile = fileURLToPath(new URL("../README.md", import.meta.url));

export function readResults() {
  return existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : undefined;
}

export function writeResults(results) {
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
}

const cell = (text) => String(text ?? "").replaceAll("|", "\\|");
// A row whose label starts with spaces breaks down the row above it; Markdown drops the spaces, so it gets an arrow.
const label = (what) => (what.startsWith("  ") ? `↳ ${what.trim()}` : what);

/** The table (with its one-line caption) for `results`: one line per row, whatever rows there are. */
export function renderTable(results) {
  const { machine, subjects } = results;
  const dates = results.rows.map((row) => row.measuredAt.slice(0, 10)).sort();
  const when = dates[0] === dates.at(-1) ? dates[0] : `${dates[0]} to ${dates.at(-1)}`;
  const lines = [
    `Measured by \`${results.command}\` on ${when}: Node ${machine.node.replace(/^v/, "")}, ${machine.platform}, ${machine.cpus} cores` +
      `${machine.cpu ? ` (${machine.cpu.trim()})` : ""}${machine.load !== undefined ? `, load average ${machine.load} at the start` : ""}, loopback.` +
      ` Every figure is in [\`bench/results.json\`](bench/results.json).`,
    "",
    `| what | this package | ${subjects.v5 ?? "auth0 v5 (not measured)"} | target |`,
    "| --- | --- | --- | --- |",
    ...results.rows.map((row) => `| ${cell(label(row.what))} | ${cell(row.ours.text)} | ${cell(row.v5?.text)} | ${cell(row.target)} |`),
  ];
  return lines.join("\n");
}

/** `readme` with the text between the markers replaced by the table for `results`. */
export function withTable(readme, results) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md needs the markers ${START} and ${END}`);
  return `${readme.slice(0, start + START.length)}\n${renderTable(results)}\n${readme.slice(end)}`;
}

export function renderReadme(results = readResults()) {
  if (!results) throw new Error("bench/results.json is missing: run npm run bench");
  writeFileSync(readmeFile, withTable(readFileSync(readmeFile, "utf8"), results));
}

if (import.meta.url === `file://${process.argv[1]}`) renderReadme();
