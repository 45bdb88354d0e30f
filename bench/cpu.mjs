// Client CPU per request: the SDK's default chain (ky transport) against a bare fetch, same server, same run.
import { fork } from "node:child_process";
import { ManagementClient } from "auth0";

export async function measureCpu({ requests = 3000, rounds = 4, concurrency = 8 } = {}) {
  const server = fork(new URL("./server.mjs", import.meta.url), { stdio: "inherit" });
  const port = await new Promise((resolve) => server.once("message", (m) => resolve(m.port)));
  const origin = `http://127.0.0.1:${port}`;
  const client = new ManagementClient({ domain: origin, token: "bench-token" });
  const headers = { authorization: "Bearer bench-token", accept: "*/*" };

  const bare = () => fetch(`${origin}/api/v2/users/auth0%7C1`, { headers }).then((r) => r.json());
  const sdk = () => client.users.get("auth0|1");

  async function run(call, n) {
    let next = 0;
    const worker = async () => {
      while (next++ < n) await call();
    };
    const before = process.cpuUsage();
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const cpu = process.cpuUsage(before);
    return { cpuUsPerRequest: (cpu.user + cpu.system) / n, wallMs: performance.now() - started };
  }

  await run(bare, 500);
  await run(sdk, 500);
  const results = { bare: [], sdk: [] };
  for (let round = 0; round < rounds; round++) {
    // Alternate, so drift (JIT, GC, the other core) hits both alike.
    results.bare.push(await run(bare, requests));
    results.sdk.push(await run(sdk, requests));
  }
  server.kill();
  const median = (xs) => xs.map((x) => x.cpuUsPerRequest).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bareUs = median(results.bare);
  const sdkUs = median(results.sdk);
  return { bareUs, sdkUs, ratio: sdkUs / bareUs };
}
