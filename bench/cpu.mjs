// Client CPU per request: the SDK's default chain (ky transport) against a bare fetch, same server, same run.
import { fork } from "node:child_process";
import { ManagementClient, definePlugin } from "auth0";

// The same chain over a plain-fetch transport, to show where the time goes (ky, or the chain above it).
const plainFetch = definePlugin({
  name: "plain-fetch",
  setup: ({ setFetcher }) =>
    setFetcher(async (request) => {
      const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: request.signal });
      const text = await response.text();
      return { status: response.status, statusText: response.statusText, headers: response.headers, url: response.url, redirected: response.redirected, type: response.type, body: text === "" ? undefined : JSON.parse(text) };
    }),
});

export async function measureCpu({ requests = 3000, rounds = 4, concurrency = 8 } = {}) {
  const server = fork(new URL("./server.mjs", import.meta.url), { stdio: "inherit" });
  const port = await new Promise((resolve) => server.once("message", (m) => resolve(m.port)));
  const origin = `http://127.0.0.1:${port}`;
  const client = new ManagementClient({ domain: origin, token: "bench-token" });
  const plainClient = new ManagementClient({ domain: origin, token: "bench-token", plugins: [plainFetch] });
  const headers = { authorization: "Bearer bench-token", accept: "*/*" };

  const bare = () => fetch(`${origin}/api/v2/users/auth0%7C1`, { headers }).then((r) => r.json());
  const sdk = () => client.users.get("auth0|1");
  const plain = () => plainClient.users.get("auth0|1");

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
  await run(plain, 500);
  const results = { bare: [], sdk: [], plain: [] };
  for (let round = 0; round < rounds; round++) {
    // Alternate, so drift (JIT, GC, the other core) hits both alike.
    results.bare.push(await run(bare, requests));
    results.sdk.push(await run(sdk, requests));
    results.plain.push(await run(plain, requests));
  }
  server.kill();
  const median = (xs) => xs.map((x) => x.cpuUsPerRequest).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bareUs = median(results.bare);
  const sdkUs = median(results.sdk);
  return { bareUs, sdkUs, plainUs: median(results.plain), ratio: sdkUs / bareUs };
}
