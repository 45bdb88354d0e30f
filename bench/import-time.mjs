// Cold import + construct, in fresh processes: ESM and CJS, median of several runs. `cwd` is where "auth0" is
// resolved from: this repository (the package by its own name, dist/) or .bench/v5 (auth0@5.14.1).
import { execFileSync } from "node:child_process";

const esm = `
const t0 = performance.now();
const { ManagementClient } = await import("auth0");
const client = new ManagementClient({ domain: "tenant.auth0.com", token: "t" });
const t1 = performance.now();
process.stdout.write(JSON.stringify({ ms: t1 - t0 }));`;

const cjs = `
const t0 = performance.now();
const { ManagementClient } = require("auth0");
const client = new ManagementClient({ domain: "tenant.auth0.com", token: "t" });
const t1 = performance.now();
process.stdout.write(JSON.stringify({ ms: t1 - t0 }));`;

function once(kind, cwd) {
  const args = kind === "esm" ? ["--input-type=module", "-e", esm] : ["-e", cjs];
  return JSON.parse(execFileSync(process.execPath, args, { cwd }).toString()).ms;
}

export function measureImport({ runs = 9, cwd = new URL("..", import.meta.url) } = {}) {
  const result = {};
  for (const kind of ["esm", "cjs"]) {
    const times = Array.from({ length: runs }, () => once(kind, cwd)).sort((a, b) => a - b);
    result[kind] = times[Math.floor(runs / 2)];
  }
  return result;
}
