// tsc --noEmit of a small app using the SDK's types, against this package and auth0@5.14.1 (installed on first use
// into .bench/v5, outside the project's dependencies), in DESIGN's setup: a Node-only project (lib es2023,
// @types/node, no DOM), strict, nodenext, with skipLibCheck off (tsc's default) and on. A time is the CPU time (user +
// system) of the tsc process, which a busy machine inflates less than wall time; the three projects run in turn, 5
// rounds, so a change of load hits them alike. The ratio compares the time above an empty project's (same setup,
// @types/node included), which both pay: the median of the rounds' ratios. Errors are counted rather than fatal, so
// a regression shows up as a figure.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureV5 } from "./v5.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// Outside the repository, so "auth0" is not resolved to this package by its own name (self-reference); one folder
// per run, so two checkouts benchmarking at once do not share it.
const work = mkdtempSync(join(tmpdir(), "auth0-typecheck-bench-"));
const tsc = join(root, "node_modules/typescript/bin/tsc");
// Preloaded into each tsc process: prints the process's own CPU time as it exits.
const cpuReport = join(work, "cpu-report.cjs");
writeFileSync(cpuReport, 'process.on("exit", () => { const u = process.cpuUsage(); process.stderr.write("tsc-cpu-us:" + (u.user + u.system) + "\\n"); });\n');

const app = `import { ManagementClient, ManagementError } from "auth0";
const client = new ManagementClient({ domain: "tenant.auth0.com", clientId: "id", clientSecret: "secret" });
export async function main(): Promise<string[]> {
  const user = await client.users.get("auth0|1");
  const page = await client.users.list({ per_page: 10 });
  const roles = await client.users.roles.list("auth0|1");
  try { await client.organizations.members.roles.assign("org", "auth0|1", { roles: ["r"] }); }
  catch (error) { if (error instanceof ManagementError) console.log(error.statusCode); }
  return [user.email ?? "", ...page.data.map((u) => u.user_id ?? ""), ...roles.data.map((r) => r.name ?? "")];
}
`;

/** A project whose node_modules/auth0 is `packageDir` (a symlink, as npm link would make), with @types/node. */
function project(name, packageDir, skipLibCheck) {
  const dir = join(work, `${name}-${skipLibCheck ? "skip" : "full"}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "node_modules/@types"), { recursive: true });
  if (packageDir) symlinkSync(packageDir, join(dir, "node_modules/auth0"), "dir");
  symlinkSync(join(root, "node_modules/@types/node"), join(dir, "node_modules/@types/node"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `typecheck-${name}`, type: "module", private: true }));
  writeFileSync(join(dir, "app.ts"), name === "empty" ? "export const x = 1;\n" : app);
  const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck, lib: ["ES2023"], types: ["node"] };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["app.ts"] }));
  return dir;
}

/** The CPU seconds of one tsc run, and the errors it reported. */
function time(dir) {
  const { stdout, stderr } = spawnSync(process.execPath, ["--require", cpuReport, tsc, "-p", join(dir, "tsconfig.json")], { cwd: dir, encoding: "utf8" });
  const micros = Number(/^tsc-cpu-us:(\d+)$/m.exec(stderr)?.[1]);
  if (!Number.isFinite(micros)) throw new Error(`tsc in ${dir} did not report its CPU time: ${stderr}`);
  return { seconds: micros / 1e6, errors: (stdout.match(/error TS/g) ?? []).length };
}

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];

export async function measureTypecheck(rounds = 5) {
  const v5 = ensureV5();
  const packages = { empty: undefined, ours: root, ...(v5 ? { v5: join(v5, "node_modules/auth0") } : {}) };
  const runs = {};
  for (const [name, packageDir] of Object.entries(packages)) {
    runs[name] = { full: [], skip: [], errors: 0, dirs: { full: project(name, packageDir, false), skip: project(name, packageDir, true) } };
  }
  for (let round = 0; round < rounds; round++) {
    for (const mode of ["full", "skip"]) {
      for (const run of Object.values(runs)) {
        const { seconds, errors } = time(run.dirs[mode]);
        run[mode].push(seconds);
        if (mode === "full") run.errors = errors;
      }
    }
  }
  const result = {};
  for (const [name, run] of Object.entries(runs)) result[name] = { full: median(run.full), skip: median(run.skip), errors: run.errors };
  if (runs.v5) {
    const ratio = (mode) => median(runs.ours[mode].map((ours, i) => (ours - runs.empty[mode][i]) / (runs.v5[mode][i] - runs.empty[mode][i])));
    result.ratioFull = ratio("full");
    result.ratioSkip = ratio("skip");
  }
  rmSync(work, { recursive: true, force: true });
  return result;
}
