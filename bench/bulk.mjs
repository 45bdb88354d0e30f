// The bulk plugin (auth0/plugins/bulk) against the mock tenant, which runs in a process of its own (bulk-tenant.mjs)
// so that only the SDK's work and memory are measured here:
// - import 100,000 users: wall time against the least the tenant's job limit (2 at once) and processing rate allow,
//   users lost or duplicated (counted in the tenant's store), memory above the start. Each job is pending 1 s, then
//   processes 2,000 users a second: hundreds of times faster than Auth0 (reported at a few users a second), so the
//   client's own time per job — an upload, a few polls — is what the ratio shows;
// - export 1,000,000 users: RSS growth while consuming the iterable, users per second;
// - crash-resume: an importing process SIGKILLed halfway and started again, each user imported exactly once;
// - what importing the plugin costs (the default-preset question).
import { execFileSync, fork, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ManagementClient } from "auth0";
import { bulk } from "auth0/plugins/bulk";

const MB = 1024 * 1024;

async function startTenant(jobs) {
  const child = fork(new URL("./bulk-tenant.mjs", import.meta.url), { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  child.send({ jobs });
  const credentials = await new Promise((resolve) => child.once("message", resolve));
  const ask = (message, type) =>
    new Promise((resolve) => {
      const onMessage = (reply) => reply.type === type && (child.off("message", onMessage), resolve(reply));
      child.on("message", onMessage);
      child.send(message);
    });
  return {
    ...credentials,
    stats: () => ask({ type: "stats" }, "stats"),
    exportSource: (users) => ask({ type: "exportSource", users }, "ready"),
    stop: () => new Promise((resolve) => (child.once("exit", resolve), child.disconnect())),
  };
}

function client(tenant, pollIntervalMs) {
  const Management = ManagementClient.with(bulk({ pollIntervalMs, maxPollIntervalMs: 1000 }));
  return new Management({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
}

async function connectionIdOf(management) {
  return (await management.connections.list({ name: "Username-Password-Authentication" })).data[0].id;
}

/** The highest RSS (and heap in use) seen between start() and stop(), sampled every 20 ms and on `sample()`. */
function rssWatch() {
  globalThis.gc?.();
  const start = process.memoryUsage();
  let peak = start.rss;
  let heapPeak = start.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss);
    heapPeak = Math.max(heapPeak, now.heapUsed);
  };
  const timer = setInterval(sample, 20);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return { rssGrowthMb: (peak - start.rss) / MB, heapGrowthMb: (heapPeak - start.heapUsed) / MB };
    },
  };
}

/**
 * The least time the files could take: each job pending `pendingMs`, then processing its users at `usersPerSecond`,
 * at most two at once, taken in file order as slots free up — with no upload, polling or client time at all.
 */
function minimumSeconds(chunks, { pendingMs, usersPerSecond, concurrency = 2 }) {
  const lanes = Array(concurrency).fill(0);
  for (const chunk of chunks) {
    const lane = lanes.indexOf(Math.min(...lanes));
    lanes[lane] += pendingMs + (chunk.users / usersPerSecond) * 1000;
  }
  return Math.max(...lanes) / 1000;
}

function* generatedUsers(count, prefix) {
  for (let i = 0; i < count; i++) {
    yield { email: `${prefix}-${i}@example.com`, email_verified: true, given_name: "Bulk", family_name: `User ${i}`, user_metadata: { source: "bench", i } };
  }
}

export async function measureBulkImport({ users = 100_000, pendingMs = 1000, usersPerSecond = 2_000 } = {}) {
  const rates = { pendingMs, usersPerSecond };
  const tenant = await startTenant({ pendingMs, processingMs: 0, importUsersPerSecond: usersPerSecond });
  try {
    const management = client(tenant, 20);
    const connectionId = await connectionIdOf(management);
    const memory = rssWatch();
    const started = performance.now();
    const summary = await management.bulk.importUsers(generatedUsers(users, "import"), { connectionId, onProgress: memory.sample });
    const seconds = (performance.now() - started) / 1000;
    const memoryGrowth = memory.stop();
    const stats = await tenant.stats();
    const minimum = minimumSeconds(summary.chunks, rates);
    return {
      users,
      seconds,
      minimum,
      ratio: seconds / minimum,
      files: summary.chunks.length,
      inserted: summary.inserted,
      lost: users - stats.distinctEmails,
      duplicated: stats.users - stats.distinctEmails,
      refused: stats.refused,
      ...memoryGrowth,
    };
  } finally {
    await tenant.stop();
  }
}

export async function measureBulkExport({ users = 1_000_000 } = {}) {
  const tenant = await startTenant({ pendingMs: 50, processingMs: 0 });
  try {
    await tenant.exportSource(users);
    const management = client(tenant, 50);
    await management.roles.list(); // the token, outside the measurement
    const memory = rssWatch();
    const started = performance.now();
    let firstUserAt = 0;
    let count = 0;
    for await (const user of management.bulk.exportUsers({ fields: ["user_id", "email", "email_verified", "name", "created_at"] })) {
      if (count === 0) firstUserAt = performance.now();
      count += 1;
      if (count % 10_000 === 0) memory.sample();
      if (typeof user.email !== "string") throw new Error("an exported user without email");
    }
    const ended = performance.now();
    return { users: count, seconds: (ended - started) / 1000, downloadSeconds: (ended - firstUserAt) / 1000, usersPerSecond: count / ((ended - firstUserAt) / 1000), ...memory.stop() };
  } finally {
    await tenant.stop();
  }
}

/** Runs the importing child; with `killAfter`, SIGKILLs it once it reports that many uploaded files. */
async function importer(env, killAfter) {
  const child = spawn(process.execPath, [new URL("./bulk-import-child.mjs", import.meta.url).pathname], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  let uploaded = 0;
  let summary;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith("uploaded ") && ++uploaded === killAfter) child.kill("SIGKILL");
    if (line.startsWith("summary ")) summary = JSON.parse(line.slice("summary ".length));
  }
  return { uploaded, summary };
}

export async function measureCrashResume({ users = 40_000, killAfter = 4 } = {}) {
  const tenant = await startTenant({ pendingMs: 100, processingMs: 0, importUsersPerSecond: 20_000 });
  const dir = mkdtempSync(join(tmpdir(), "auth0-bulk-bench-"));
  try {
    const connectionId = await connectionIdOf(client(tenant, 20));
    const env = { DOMAIN: tenant.domain, CLIENT_ID: tenant.clientId, CLIENT_SECRET: tenant.clientSecret, CONNECTION_ID: connectionId, CHECKPOINT: join(dir, "checkpoint.jsonl"), USERS: String(users) };
    const killed = await importer(env, killAfter);
    const afterKill = await tenant.stats();
    const resumed = await importer(env);
    const stats = await tenant.stats();
    const chunks = resumed.summary?.chunks ?? 0;
    return {
      users,
      killedAfterFiles: killed.uploaded,
      importedWhenKilled: afterKill.users,
      files: chunks,
      uploadsAfterRestart: resumed.uploaded,
      imported: stats.users,
      lost: users - stats.distinctEmails,
      duplicated: stats.users - stats.distinctEmails,
      uploads: stats.importUploads,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await tenant.stop();
  }
}

/** Cold import + construct, ESM, median of `runs` fresh processes: the core alone, and with the bulk plugin. */
export function measureBulkImportCost(runs = 7) {
  const script = (withBulk) => `
const t0 = performance.now();
const { ManagementClient } = await import("auth0");
${withBulk ? 'const { bulk } = await import("auth0/plugins/bulk"); const Client = ManagementClient.with(bulk());' : "const Client = ManagementClient;"}
new Client({ domain: "tenant.auth0.com", token: "t" });
process.stdout.write(String(performance.now() - t0));`;
  const median = (withBulk) => {
    const times = Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ["--input-type=module", "-e", script(withBulk)], { cwd: new URL("..", import.meta.url) }).toString())).sort((a, b) => a - b);
    return times[Math.floor(runs / 2)];
  };
  const core = median(false);
  const withBulk = median(true);
  return { core, withBulk, added: withBulk - core };
}

const MEASUREMENTS = { import: measureBulkImport, export: measureBulkExport, "crash-resume": measureCrashResume };

/**
 * Each measurement in a fresh process (with --expose-gc), so memory "above the start" is above that process's start,
 * not above whatever the benchmarks before it left behind.
 */
export function measureBulk() {
  const results = {};
  for (const name of Object.keys(MEASUREMENTS)) {
    const output = execFileSync(process.execPath, ["--expose-gc", new URL(import.meta.url).pathname, name], { maxBuffer: 1024 * 1024 }).toString();
    results[name] = JSON.parse(output.trim().split("\n").pop());
  }
  results.importCost = measureBulkImportCost();
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const name = process.argv[2];
  if (name in MEASUREMENTS) process.stdout.write(`${JSON.stringify(await MEASUREMENTS[name]())}\n`);
  else console.log(measureBulk());
}
