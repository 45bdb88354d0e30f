// npm test: every check the project has, run in order, each counted, ending with one plain line
// "N passed, M failed" totalled over every runner (CI readers know that line, not vitest's summary).
//   node scripts/test.mjs                 everything
//   node scripts/test.mjs --only=vitest   some steps (names as below, comma-separated)
// Each step runs even when an earlier one failed, so one red step does not hide the others; a step that needs the
// build (the runtimes) is counted as failed when the build is. The per-runner results and the total are written to
// .test-results/ (summary.json is what `.ci/run` prints last).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const results = join(root, ".test-results");
const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length).split(",");
const npx = (bin) => join(root, "node_modules", ".bin", bin);

/**
 * A step either is one check (it passes or fails as a whole) or runs many tests and reports them in a JSON file that
 * `count` reads. A runner whose report is missing (it crashed before writing one) counts as one failure.
 */
const steps = [
  { name: "typecheck", command: [process.execPath, join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"] },
  { name: "typecheck-web", command: [process.execPath, join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.web.json"] },
  { name: "build", command: [process.execPath, "scripts/build.mjs", "--check"] },
  { name: "docs", command: [process.execPath, "scripts/docs.mjs"], needs: "build" },
  {
    name: "vitest",
    report: "vitest.json",
    command: [npx("vitest"), "run", "--reporter=default", "--reporter=json", `--outputFile.json=${join(results, "vitest.json")}`],
    count: countVitest,
    failures: vitestFailures,
  },
  {
    name: "runtimes",
    report: "runtimes.json",
    needs: "build",
    command: [process.execPath, "test/runtimes/run.mjs", `--report=${join(results, "runtimes.json")}`],
    count: (report) => ({ passed: report.passed, failed: report.failed }),
  },
].filter((step) => !only || only.includes(step.name));

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const outcome = new Map();
const rows = [];
/** Failed tests, one line each: CI often shows only the tail of the log, so the tail names them. */
const failures = [];
for (const step of steps) {
  const started = performance.now();
  let tally;
  if (step.needs && outcome.get(step.needs) === false) {
    console.log(`\n── ${step.name}: not run, because ${step.needs} failed`);
    tally = { passed: 0, failed: 1 };
  } else {
    console.log(`\n── ${step.name}`);
    const run = spawnSync(step.command[0], step.command.slice(1), { cwd: root, stdio: "inherit", env: process.env });
    const exitedCleanly = run.status === 0;
    if (step.count) {
      const file = join(results, step.report);
      const report = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : undefined;
      tally = report ? step.count(report) : { passed: 0, failed: 1 };
      if (report && step.failures) failures.push(...step.failures(report));
      // A runner that exited non-zero without a failure in its report (a crash after the report, an error outside any
      // test, an unhandled rejection) still fails the run.
      if (!exitedCleanly && tally.failed === 0) tally = { ...tally, failed: 1 };
    } else {
      tally = exitedCleanly ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
    }
  }
  outcome.set(step.name, tally.failed === 0);
  rows.push({ step: step.name, ...tally, seconds: Math.round((performance.now() - started) / 100) / 10 });
}

const passed = rows.reduce((sum, row) => sum + row.passed, 0);
const failed = rows.reduce((sum, row) => sum + row.failed, 0);
const line = `${passed} passed, ${failed} failed`;
writeFileSync(join(results, "summary.json"), JSON.stringify({ passed, failed, line, steps: rows }, null, 2) + "\n");

if (failures.length > 0) {
  console.log(`\nfailed (${failures.length}):`);
  for (const failure of failures.slice(0, 40)) console.log(`  ${failure}`);
}
console.log("\nstep           passed  failed  seconds");
for (const row of rows) console.log(`${row.step.padEnd(14)} ${String(row.passed).padStart(6)}  ${String(row.failed).padStart(6)}  ${String(row.seconds).padStart(7)}`);
console.log(line);
process.exitCode = failed > 0 ? 1 : 0;

/** One line per failed test (or file that failed to load): where, which, and the first line of why. */
function vitestFailures(report) {
  const lines = [];
  for (const file of report.testResults ?? []) {
    const where = relative(root, file.name ?? "");
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed");
    if (file.status === "failed" && failedTests.length === 0) lines.push(`${where}: ${firstLine(file.message)}`);
    for (const test of failedTests) lines.push(`${where} > ${test.fullName ?? test.title}: ${firstLine(test.failureMessages?.[0])}`);
  }
  return lines;
}

function firstLine(text) {
  return String(text ?? "").split("\n").find((line) => line.trim() !== "")?.trim().slice(0, 300) ?? "";
}

/** vitest's JSON report: every test, plus a file that failed to load (it has no test to count, but it failed). */
function countVitest(report) {
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === "failed" && !(file.assertionResults ?? []).some((test) => test.status === "failed"),
  ).length;
  return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + brokenFiles };
}
