// npm run bench: the performance figures, each against its target (../shared/DESIGN.md), for this package (the built
// dist/: npm run bench builds first) and auth0@5.14.1 side by side in the same run (bench/v5.mjs; BENCH_V5=0 leaves it
// out). It prints the table, writes every figure to bench/results.json and renders README.md's table from that file
// (bench/readme-table.mjs), so the README's numbers are always one run's output.
//   node bench/run.mjs                   every row
//   node bench/run.mjs --only=cpu,walk   some rows (ids below); the others keep their last figures in results.json
//
// Adding a figure = adding one entry to `rows`: { id, what, target, ours, v5? }. `ours(context)` and `v5(context)`
// measure (or read a measurement shared with other rows, through `once`) and return { text, ...figures }: `text` is
// what the table shows, the rest is kept in results.json. A row without `v5` shows nothing in the v5 column. Put
// the measuring code in a module of its own under bench/.
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureCpu } from "./cpu.mjs";
import { measureImport } from "./import-time.mjs";
import { BEHAVIOURS, measureRateLimitedBurst } from "./rate-limit.mjs";
import { readResults, renderReadme, writeResults } from "./readme-table.mjs";
import { measureBundle, measurePackage } from "./sizes.mjs";
import { measureTypecheck } from "./typecheck.mjs";
import { ensureV5, importV5, V5_VERSION } from "./v5.mjs";
import { measureTokenRequests, measureWalk } from "./walk.mjs";
import { measureBulk } from "./bulk.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length).split(",");

/** A measurement several rows share, made on first use only. */
const once = (measure) => {
  let result;
  return () => (result ??= measure());
};

const ms = (value) => `${value.toFixed(0)} ms`;
const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const times = (ratio) => `${ratio.toFixed(2)}×`;

const v5Dir = ensureV5();
const v5 = v5Dir ? await importV5(v5Dir) : undefined;

const imports = { ours: once(() => measureImport()), v5: once(() => measureImport({ cwd: v5Dir })) };
const cpu = once(() => measureCpu({ v5 }));
const typecheck = once(() => measureTypecheck());
const bulk = once(() => measureBulk());
const burst = (behaviour, client) => measureRateLimitedBurst({ limit: behaviour.limit, client });
const burstText = (result) =>
  // A run with failed calls ends early: its time is no measure of the rate, so it gets no ratio.
  `${result.failed === 0 ? `${times(result.ratio)} the minimum` : `${result.seconds.toFixed(0)} s`}, ${result.rateLimited} × 429, ${result.failed} failed`;

const rows = [
  {
    id: "import",
    what: "cold `import` + construct `ManagementClient`",
    target: "< 50 ms",
    ours: async () => ({ ...imports.ours(), text: `${ms(imports.ours().esm)} ESM, ${ms(imports.ours().cjs)} CJS` }),
    v5: async () => ({ ...imports.v5(), text: `${ms(imports.v5().esm)} ESM, ${ms(imports.v5().cjs)} CJS` }),
  },
  {
    id: "bundle",
    what: "esbuild bundle of a one-call app (`users.get`), minified",
    target: "< 120 KB",
    ours: async () => {
      const size = await measureBundle(root, "auth0", "node");
      return { ...size, text: `${kb(size.bytes)} (${kb(size.gzip)} gzip); jose's ${kb(size.allBytes - size.bytes)} chunk not loaded` };
    },
    v5: async () => {
      const size = await measureBundle(v5Dir, "auth0", "node");
      return { ...size, text: `${kb(size.bytes)} (${kb(size.gzip)} gzip)` };
    },
  },
  {
    id: "package",
    what: "package as npm packs it, unpacked",
    target: "< 2 MB",
    ours: async () => {
      const size = measurePackage();
      return { ...size, text: `${mb(size.unpacked)} in ${size.files} files (${kb(size.packed)} packed)` };
    },
    v5: async () => {
      const size = measurePackage(join(v5Dir, "node_modules/auth0"));
      return { ...size, text: `${mb(size.unpacked)} in ${size.files} files (${kb(size.packed)} packed)` };
    },
  },
  {
    id: "cpu",
    what: "client CPU per request (`users.get`), default chain, against a bare `fetch`",
    target: "≤ 1.25× bare fetch",
    ours: async () => {
      const { sdkUs, bareUs } = await cpu();
      return { sdkUs, bareUs, text: `${times(sdkUs / bareUs)} (${sdkUs.toFixed(0)} µs)` };
    },
    v5: async () => {
      const { v5Us, bareUs } = await cpu();
      return { v5Us, bareUs, text: `${times(v5Us / bareUs)} (${v5Us.toFixed(0)} µs)` };
    },
  },
  {
    id: "cpu-vs-v5",
    what: "client CPU per request, this package ÷ auth0@5.14.1",
    target: "≤ 1.0×",
    ours: async () => {
      const { sdkUs, v5Us } = await cpu();
      return v5Us === undefined ? { text: "(v5 not measured)" } : { ratio: sdkUs / v5Us, text: times(sdkUs / v5Us) };
    },
  },
  {
    id: "cpu-plain-fetch",
    what: "  the same chain over a plain-`fetch` transport",
    target: "",
    ours: async () => {
      const { plainUs, bareUs } = await cpu();
      return { plainUs, text: `${times(plainUs / bareUs)} (${plainUs.toFixed(0)} µs)` };
    },
  },
  {
    id: "cpu-chain-only",
    what: "  the chain alone, no transport",
    target: "",
    ours: async () => {
      const { chainOnlyUs, bareUs } = await cpu();
      return { chainOnlyUs, text: `${chainOnlyUs.toFixed(0)} µs a call (${times(chainOnlyUs / bareUs)} a bare fetch's cost)` };
    },
  },
  {
    id: "cpu-ky-alone",
    what: "  ky alone, no chain",
    target: "",
    ours: async () => {
      const { kyAloneUs, bareUs } = await cpu();
      return { kyAloneUs, text: `${times(kyAloneUs / bareUs)} (${kyAloneUs.toFixed(0)} µs)` };
    },
  },
  {
    id: "tokens",
    what: "token requests for 200 concurrent first calls",
    target: "1",
    ours: async () => {
      const result = await measureTokenRequests(200);
      return { ...result, text: String(result.tokenRequests) };
    },
    v5: async () => {
      const result = await measureTokenRequests(200, v5.ManagementClient);
      return { ...result, text: String(result.tokenRequests) };
    },
  },
  {
    id: "walk",
    what: "requests to walk 10,000 users at `per_page=100`",
    target: "100",
    ours: async () => {
      const result = await measureWalk();
      return { ...result, text: String(result.requests) };
    },
    v5: async () => {
      const result = await measureWalk(v5.ManagementClient);
      return { ...result, text: String(result.requests) };
    },
  },
  // The six ways a tenant may describe its rate limit (issue 13): each a row, this package's default client beside
  // auth0@5.14.1's (its generated client: its ManagementClient insists on https).
  ...BEHAVIOURS.map((behaviour) => ({
    id: `burst-${behaviour.key}`,
    what: `150 creates, 15 workers, tenant limit 10 + 5/s: (${behaviour.key}) ${behaviour.label}`,
    target: "≤ 1.2× the minimum, 0 failed",
    ours: async () => {
      const result = await burst(behaviour, "default");
      return { ...result, text: burstText(result) };
    },
    v5: async () => {
      const result = await burst(behaviour, "v5");
      return { ...result, text: burstText(result) };
    },
  })),
  {
    id: "burst-throttle-off",
    what: "  (a) again, `throttle: false`",
    target: "",
    ours: async () => {
      const result = await burst(BEHAVIOURS[0], "off");
      return { ...result, text: burstText(result) };
    },
  },
  // auth0/plugins/bulk against the mock tenant (its own process): each measurement in a fresh process.
  {
    id: "bulk-import",
    what: "bulk import of 100,000 users (2 jobs at a time, 1 s + 2,000 users/s each)",
    target: "≤ 1.2× the minimum, 0 lost or duplicated, ≤ 64 MB above the start",
    ours: async () => {
      const { import: run } = bulk();
      return { ...run, text: `${times(run.ratio)} the minimum (${run.seconds.toFixed(1)} s); ${run.lost} lost, ${run.duplicated} duplicated; +${run.rssGrowthMb.toFixed(0)} MB RSS` };
    },
  },
  {
    id: "bulk-export",
    what: "bulk export of 1,000,000 users, consumed as an async iterable",
    target: "RSS growth ≤ 64 MB",
    ours: async () => {
      const { export: run } = bulk();
      return { ...run, text: `${Math.round(run.usersPerSecond).toLocaleString("en")} users/s; +${run.rssGrowthMb.toFixed(0)} MB RSS` };
    },
  },
  {
    id: "bulk-crash-resume",
    what: "bulk import killed (SIGKILL) halfway, then restarted",
    target: "each user once",
    ours: async () => {
      const { "crash-resume": run } = bulk();
      return { ...run, text: `${run.imported.toLocaleString("en")} of ${run.users.toLocaleString("en")} users, ${run.lost} lost, ${run.duplicated} duplicated; ${run.uploads} uploads for ${run.files} files` };
    },
  },
  {
    id: "typecheck",
    what: "`tsc --noEmit` of a small app, Node-only `lib`: CPU time above an empty project (`skipLibCheck` off / on)",
    target: "≤ 0.5× v5's",
    ours: async () => {
      const result = await typecheck();
      const above = (mode) => result.ours[mode] - result.empty[mode];
      const ratios = result.v5 ? ` = ${times(result.ratioFull)} / ${times(result.ratioSkip)} v5's` : "";
      return { ...result.ours, empty: result.empty, text: `${above("full").toFixed(2)} s / ${above("skip").toFixed(2)} s${ratios}, ${result.ours.errors} errors` };
    },
    v5: async () => {
      const result = await typecheck();
      const above = (mode) => result.v5[mode] - result.empty[mode];
      return { ...result.v5, text: `${above("full").toFixed(2)} s / ${above("skip").toFixed(2)} s, ${result.v5.errors} errors` };
    },
  },
];

const previous = readResults();
const results = {
  command: "npm run bench",
  subjects: { ours: "this package (dist/)", v5: v5 ? `auth0@${V5_VERSION}` : null },
  // The load average when the run started: on a shared machine it says how much the figures had to compete with.
  machine: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpu: cpus()[0]?.model ?? "", load: Number(loadavg()[0].toFixed(1)) },
  rows: [],
};
for (const row of rows) {
  const kept = previous?.rows.find((entry) => entry.id === row.id);
  if (only && !only.includes(row.id)) {
    if (kept) results.rows.push(kept);
    continue;
  }
  const measured = { id: row.id, what: row.what, target: row.target, measuredAt: new Date().toISOString(), ours: await row.ours() };
  measured.v5 = row.v5 && v5 ? await row.v5() : null;
  console.error(`  ${row.what}: ${measured.ours.text}${measured.v5 ? ` | v5: ${measured.v5.text}` : ""}`);
  results.rows.push(measured);
}

writeResults(results);
renderReadme(results);

const width = Math.max(...results.rows.map((row) => row.what.length));
const valueWidth = Math.max(...results.rows.map((row) => row.ours.text.length));
console.log(`\n${"what".padEnd(width)}  ${"this package".padEnd(valueWidth)}  auth0@${V5_VERSION}  | target`);
for (const row of results.rows) console.log(`${row.what.padEnd(width)}  ${row.ours.text.padEnd(valueWidth)}  ${row.v5?.text ?? ""}  | ${row.target}`);
console.log("\nwritten: bench/results.json, and README.md's performance table");
