// Client CPU per request: the SDK's default chain (ky transport) against a bare fetch and, when given, auth0@5.14.1's
// ManagementClient — same server, same process, same run, in alternating rounds.
import { fork } from "node:child_process";
import { ManagementClient, definePlugin } from "auth0";
import ky from "ky";
import { routeHttpsLoopbackToHttp } from "./https-loopback.mjs";

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

// The chain with no I/O at all: what the SDK's own code costs per call, apart from any transport.
const cannedHeaders = new Headers({ "content-type": "application/json" });
const noTransport = definePlugin({
  name: "no-transport",
  setup: ({ setFetcher }) =>
    setFetcher(async (request) => ({ status: 200, statusText: "OK", headers: cannedHeaders, url: request.url, redirected: false, type: "basic", body: { user_id: "auth0|1" } })),
});

/** `v5`: auth0@5.14.1's module (bench/v5.mjs), to measure its client in the same rounds; omitted, it is left out. */
export async function measureCpu({ requests = 3000, rounds = 4, concurrency = 8, v5 } = {}) {
  // v5 only calls https://{domain}: its requests to https://127.0.0.1:PORT go to the same plain-HTTP server. Every
  // subject's requests pass through the same rerouting dispatcher, so none pays for it alone.
  await routeHttpsLoopbackToHttp();
  const server = fork(new URL("./server.mjs", import.meta.url), { stdio: "inherit" });
  const port = await new Promise((resolve) => server.once("message", (m) => resolve(m.port)));
  const origin = `http://127.0.0.1:${port}`;
  const client = new ManagementClient({ domain: origin, token: "bench-token" });
  const plainClient = new ManagementClient({ domain: origin, token: "bench-token", plugins: [plainFetch] });
  const headers = { authorization: "Bearer bench-token", accept: "*/*" };

  const bare = () => fetch(`${origin}/api/v2/users/auth0%7C1`, { headers }).then((r) => r.json());
  const sdk = () => client.users.get("auth0|1");
  const plain = () => plainClient.users.get("auth0|1");
  // ky by itself, configured and called as the default transport calls it: the floor ky sets under any chain (it
  // builds a Request, clones it for retries, and fetch builds another from it).
  const kyInstance = ky.create({ retry: 0, timeout: false, throwHttpErrors: false });
  const chainOnlyClient = new ManagementClient({ domain: origin, token: "bench-token", plugins: [noTransport] });
  const chainOnly = () => chainOnlyClient.users.get("auth0|1");
  const kyAlone = () => kyInstance(`${origin}/api/v2/users/auth0%7C1`, { method: "GET", headers, body: null }).then((r) => r.text()).then(JSON.parse);
  const v5Client = v5 ? new v5.ManagementClient({ domain: `127.0.0.1:${port}`, token: "bench-token" }) : undefined;
  const v5Call = () => v5Client.users.get("auth0|1");

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
  await run(kyAlone, 500);
  await run(chainOnly, 500);
  if (v5Client) await run(v5Call, 500);
  const results = { bare: [], sdk: [], plain: [], kyAlone: [], chainOnly: [], v5: [] };
  for (let round = 0; round < rounds; round++) {
    // Alternate, so drift (JIT, GC, the other core) hits both alike.
    results.bare.push(await run(bare, requests));
    results.sdk.push(await run(sdk, requests));
    results.plain.push(await run(plain, requests));
    results.kyAlone.push(await run(kyAlone, requests));
    results.chainOnly.push(await run(chainOnly, requests));
    if (v5Client) results.v5.push(await run(v5Call, requests));
  }
  server.kill();
  const median = (xs) => xs.map((x) => x.cpuUsPerRequest).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bareUs = median(results.bare);
  const sdkUs = median(results.sdk);
  const v5Us = v5Client ? median(results.v5) : undefined;
  return { bareUs, sdkUs, plainUs: median(results.plain), kyAloneUs: median(results.kyAlone), chainOnlyUs: median(results.chainOnly), ratio: sdkUs / bareUs, v5Us };
}
