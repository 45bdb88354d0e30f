// npm run bench: the performance figures, in one table, each against its target (../shared/DESIGN.md) and, for CPU,
// against a bare fetch measured in the same run. Runs on the built package (npm run bench builds first).
import { measureCpu } from "./cpu.mjs";
import { measureImport } from "./import-time.mjs";
import { measureRateLimitedBurst } from "./rate-limit.mjs";
import { measureBundle, measurePackage } from "./sizes.mjs";
import { measureTokenRequests, measureWalk } from "./walk.mjs";
import { measureTypecheck } from "./typecheck.mjs";

const rows = [];
const add = (what, value, target) => {
  rows.push({ what, value, target });
  console.error(`  ${what}: ${value}`);
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const imports = measureImport();
add("cold import + construct ManagementClient, ESM", `${imports.esm.toFixed(1)} ms`, "< 50 ms");
add("cold import + construct ManagementClient, CJS", `${imports.cjs.toFixed(1)} ms`, "< 50 ms");

const bundle = await measureBundle();
add("esbuild bundle of a one-call app, minified (loaded)", kb(bundle.bytes), "< 120 KB");
add("  gzip", kb(bundle.gzip), "");
add("  all chunks, incl. jose (never loaded by this app)", kb(bundle.allBytes), "");

const pkg = measurePackage();
add("package unpacked", `${(pkg.unpacked / 1024 / 1024).toFixed(2)} MB in ${pkg.files} files`, "< 2 MB");
add("package packed", kb(pkg.packed), "");

const cpu = await measureCpu();
add("client CPU per request, bare fetch", `${cpu.bareUs.toFixed(0)} µs`, "");
add("client CPU per request, default chain + ky", `${cpu.sdkUs.toFixed(0)} µs`, "");
add("  ratio to bare fetch", `${cpu.ratio.toFixed(2)}×`, "≤ 1.25×");
add("client CPU per request, default chain + plain fetch", `${cpu.plainUs.toFixed(0)} µs (${(cpu.plainUs / cpu.bareUs).toFixed(2)}×)`, "");
add("client CPU per call, the chain alone (no transport)", `${cpu.chainOnlyUs.toFixed(0)} µs (${(cpu.chainOnlyUs / cpu.bareUs).toFixed(2)}× a bare fetch's cost)`, "");
add("client CPU per request, ky alone (no chain)", `${cpu.kyAloneUs.toFixed(0)} µs (${(cpu.kyAloneUs / cpu.bareUs).toFixed(2)}×)`, "");
// Transports compared, same run: the undici plugin against a bare `undici.request` loop and auth0@5.14.1.
const { undici } = cpu;
add("client CPU per request, bare undici.request", `${undici.bareUs.toFixed(0)} µs (bare fetch: ${undici.fetchToUndici.toFixed(2)}×)`, "");
add("client CPU per request, chain + auth0/plugins/undici", `${undici.pluginUs.toFixed(0)} µs`, "");
add("  ratio to bare undici.request", `${undici.toBare.toFixed(2)}×`, "≤ 1.3×");
if (undici.v5Us !== undefined) {
  add("client CPU per request, auth0@5.14.1 users.get", `${undici.v5Us.toFixed(0)} µs`, "");
  add("  undici plugin / auth0@5.14.1", `${undici.toV5.toFixed(2)}×`, "≤ 0.5×");
  add("  default chain + ky / auth0@5.14.1", `${undici.defaultToV5.toFixed(2)}×`, "≤ 1.0×");
}

const tokens = await measureTokenRequests(200);
add("token requests for 200 concurrent first calls", String(tokens.tokenRequests), "1");

const walk = await measureWalk();
add(`requests to walk ${walk.users} users at per_page 100`, String(walk.requests), "100");

for (const throttle of [true, false]) {
  const burst = await measureRateLimitedBurst({ throttle });
  add(
    `150 creates, 15 workers, limit 10 + 5/s, ${throttle ? "default (throttle)" : "throttle off"}`,
    // A run with failed calls ends early: its time is no measure of the rate, so it gets no ratio.
    `${burst.seconds.toFixed(1)} s${burst.failed === 0 ? ` = ${burst.ratio.toFixed(2)}× min` : ""}; ${burst.requests} requests, ${burst.rateLimited} 429s, ${burst.failed} failed`,
    throttle ? "≤ 1.2×, 0 failed" : "",
  );
}

const tsc = await measureTypecheck();
add("tsc --noEmit of a small app (skipLibCheck off / on)", `${tsc.ours.full.toFixed(2)} s / ${tsc.ours.skip.toFixed(2)} s`, "");
if (tsc.v5) {
  add("  the same app on auth0@5.14.1", `${tsc.v5.full.toFixed(2)} s / ${tsc.v5.skip.toFixed(2)} s`, "");
  add("  ratio, time above an empty project", `${tsc.ratioFull.toFixed(2)}× / ${tsc.ratioSkip.toFixed(2)}×`, "≤ 0.5×");
}

const width = Math.max(...rows.map((row) => row.what.length));
const valueWidth = Math.max(...rows.map((row) => row.value.length));
console.log(`\n${"what".padEnd(width)}  ${"measured".padEnd(valueWidth)}  target`);
for (const row of rows) console.log(`${row.what.padEnd(width)}  ${row.value.padEnd(valueWidth)}  ${row.target}`);
