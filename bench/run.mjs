// npm run bench: the performance figures, measured against a bare fetch in the same run. Prints one table.
import { measureCpu } from "./cpu.mjs";
import { measureImport } from "./import-time.mjs";

const rows = [];
const add = (what, value, target) => rows.push({ what, value, target });

const imports = measureImport();
add("cold import + construct ManagementClient (ESM)", `${imports.esm.toFixed(1)} ms`, "< 50 ms");
add("cold import + construct ManagementClient (CJS)", `${imports.cjs.toFixed(1)} ms`, "< 50 ms");

const cpu = await measureCpu();
add("client CPU per request, bare fetch", `${cpu.bareUs.toFixed(0)} µs`, "");
add("client CPU per request, default chain (ky)", `${cpu.sdkUs.toFixed(0)} µs`, "");
add("  ratio to bare fetch", `${cpu.ratio.toFixed(2)}×`, "≤ 1.25×");

const width = Math.max(...rows.map((row) => row.what.length));
console.log(`\n${"what".padEnd(width)}  ${"measured".padStart(12)}  target`);
for (const row of rows) console.log(`${row.what.padEnd(width)}  ${row.value.padStart(12)}  ${row.target}`);
