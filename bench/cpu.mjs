// Client CPU per request, all in one run with interleaved rounds: a bare fetch and a bare `undici.request` loop (the
// floors), the SDK's default chain (ky over fetch), the same chain over `auth0/plugins/undici`, and auth0@5.14.1's
// `users.get` — plus rows that show where the time goes. CPU time (process.cpuUsage), not wall time.
//
// v5 only speaks https to its domain and only through the global fetch, so this process (the bench, not the SDK)
// sets undici's global dispatcher to an Agent that connects every origin to the loopback server in plain TCP: every
// fetch-based client here (v5, ours, the bare fetch) goes through that same dispatcher.
import { fork } from "node:child_process";
import { connect } from "node:net";
import { ManagementClient, definePlugin } from "auth0";
import { undiciFetcher } from "auth0/plugins/undici";
import ky from "ky";
import { Agent, request as undiciRequest, setGlobalDispatcher } from "undici";
import { loadV5 } from "./v5-package.mjs";

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

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function measureCpu({ requests = 2000, rounds = 7, concurrency = 8 } = {}) {
  const server = fork(new URL("./server.mjs", import.meta.url), { stdio: "inherit" });
  const port = await new Promise((resolve) => server.once("message", (m) => resolve(m.port)));
  const origin = `http://127.0.0.1:${port}`;
  setGlobalDispatcher(
    new Agent({
      connect: (_options, callback) => {
        const socket = connect(port, "127.0.0.1");
        socket.once("connect", () => callback(null, socket)).once("error", (error) => callback(error, null));
      },
    }),
  );
  const headers = { authorization: "Bearer bench-token", accept: "*/*" };
  const path = "/api/v2/users/auth0%7C1";

  const client = new ManagementClient({ domain: origin, token: "bench-token" });
  const undiciClient = new ManagementClient({ domain: origin, token: "bench-token", plugins: [undiciFetcher()] });
  const plainClient = new ManagementClient({ domain: origin, token: "bench-token", plugins: [plainFetch] });
  const chainOnlyClient = new ManagementClient({ domain: origin, token: "bench-token", plugins: [noTransport] });
  const kyInstance = ky.create({ retry: 0, timeout: false, throwHttpErrors: false });
  const bareAgent = new Agent();
  const v5 = loadV5();
  const v5Client = v5 && new v5.ManagementClient({ domain: `127.0.0.1:${port}`, token: "bench-token" });

  const calls = {
    bare: () => fetch(`${origin}${path}`, { headers }).then((r) => r.json()),
    bareUndici: () => undiciRequest(`${origin}${path}`, { headers, dispatcher: bareAgent }).then((r) => r.body.json()),
    sdk: () => client.users.get("auth0|1"),
    sdkUndici: () => undiciClient.users.get("auth0|1"),
    plain: () => plainClient.users.get("auth0|1"),
    // ky by itself, configured and called as the default transport calls it: the floor ky sets under any chain.
    kyAlone: () => kyInstance(`${origin}${path}`, { method: "GET", headers, body: null }).then((r) => r.text()).then(JSON.parse),
    chainOnly: () => chainOnlyClient.users.get("auth0|1"),
    ...(v5Client ? { v5: () => v5Client.users.get("auth0|1") } : {}),
  };

  async function run(call, n) {
    let next = 0;
    const worker = async () => {
      while (next++ < n) await call();
    };
    const before = process.cpuUsage();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const cpu = process.cpuUsage(before);
    return (cpu.user + cpu.system) / n;
  }

  for (const call of Object.values(calls)) await run(call, 500);
  const samples = Object.fromEntries(Object.keys(calls).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    // Interleaved, each round in a different order, so drift (JIT, GC, the other core's load) hits all alike.
    const names = Object.keys(calls);
    for (let i = 0; i < round % names.length; i++) names.push(names.shift());
    for (const name of names) samples[name].push(await run(calls[name], requests));
  }
  server.kill();
  await bareAgent.close();
  const us = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  // Ratios per round, then their median: a round's drift affects both sides of its own ratio alike.
  const ratio = (a, b) => (samples[a] && samples[b] ? median(samples[a].map((value, i) => value / samples[b][i])) : undefined);
  return {
    bareUs: us.bare,
    sdkUs: us.sdk,
    plainUs: us.plain,
    kyAloneUs: us.kyAlone,
    chainOnlyUs: us.chainOnly,
    ratio: ratio("sdk", "bare"),
    undici: {
      bareUs: us.bareUndici,
      pluginUs: us.sdkUndici,
      v5Us: us.v5,
      toBare: ratio("sdkUndici", "bareUndici"),
      toV5: ratio("sdkUndici", "v5"),
      defaultToV5: ratio("sdk", "v5"),
      fetchToUndici: ratio("bare", "bareUndici"),
    },
  };
}
