// One client of the CPU benchmark (bench/cpu.mjs), alone in its own process, so no other client's heap, garbage or
// JIT state is billed to it: told `{ run: n }`, it makes n calls (8 at a time) and answers with its CPU µs per call.
//
// v5 speaks only https to its domain and only through the global fetch, so the fetch-based clients' process sets
// undici's global dispatcher to an Agent that connects every origin to the loopback server in plain TCP — each
// fetch-based client (v5, ours, the bare fetch) goes through the same kind of dispatcher.
import { connect } from "node:net";
import { ManagementClient, definePlugin } from "auth0";
import { undiciFetcher } from "auth0/plugins/undici";
import ky from "ky";
import { Agent, request as undiciRequest, setGlobalDispatcher } from "undici";
import { importV5 } from "./v5.mjs";

const [variant, portText, v5Dir] = process.argv.slice(2);
const port = Number(portText);
const origin = `http://127.0.0.1:${port}`;
const headers = { authorization: "Bearer bench-token", accept: "*/*" };
const path = "/api/v2/users/auth0%7C1";
const CONCURRENCY = 8;

if (!variant.endsWith("Undici")) {
  setGlobalDispatcher(
    new Agent({
      connect: (_options, callback) => {
        const socket = connect(port, "127.0.0.1");
        socket.once("connect", () => callback(null, socket)).once("error", (error) => callback(error, null));
      },
    }),
  );
}

/** The call each variant makes. */
async function callFor(name) {
  const management = (plugins = []) => new ManagementClient({ domain: origin, token: "bench-token", plugins });
  switch (name) {
    case "bare":
      return () => fetch(`${origin}${path}`, { headers }).then((r) => r.json());
    case "bareUndici": {
      const agent = new Agent();
      return () => undiciRequest(`${origin}${path}`, { headers, dispatcher: agent }).then((r) => r.body.json());
    }
    case "sdk": {
      const client = management();
      return () => client.users.get("auth0|1");
    }
    case "sdkUndici": {
      const client = management([undiciFetcher()]);
      return () => client.users.get("auth0|1");
    }
    case "plain": {
      // The same chain over a plain-fetch transport, to show where the time goes (ky, or the chain above it).
      const client = management([
        definePlugin({
          name: "plain-fetch",
          setup: ({ setFetcher }) =>
            setFetcher(async (request) => {
              const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: request.signal });
              const text = await response.text();
              return { status: response.status, statusText: response.statusText, headers: response.headers, url: response.url, redirected: response.redirected, type: response.type, body: text === "" ? undefined : JSON.parse(text) };
            }),
        }),
      ]);
      return () => client.users.get("auth0|1");
    }
    case "kyAlone": {
      // ky by itself, configured and called as the default transport calls it: the floor ky sets under any chain.
      const instance = ky.create({ retry: 0, timeout: false, throwHttpErrors: false });
      return () => instance(`${origin}${path}`, { method: "GET", headers, body: null }).then((r) => r.text()).then(JSON.parse);
    }
    case "chainOnly": {
      // The chain with no I/O at all: what the SDK's own code costs per call, apart from any transport.
      const canned = new Headers({ "content-type": "application/json" });
      const client = management([
        definePlugin({
          name: "no-transport",
          setup: ({ setFetcher }) =>
            setFetcher(async (request) => ({ status: 200, statusText: "OK", headers: canned, url: request.url.href, redirected: false, type: "basic", body: { user_id: "auth0|1" } })),
        }),
      ]);
      return () => client.users.get("auth0|1");
    }
    case "v5": {
      if (!v5Dir) return undefined;
      const v5 = await importV5(v5Dir);
      const client = new v5.ManagementClient({ domain: `127.0.0.1:${port}`, token: "bench-token" });
      return () => client.users.get("auth0|1");
    }
    default:
      throw new Error(`no such variant: ${name}`);
  }
}

const call = await callFor(variant);

async function run(n) {
  let next = 0;
  const worker = async () => {
    while (next++ < n) await call();
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / n;
}

process.on("message", async (message) => {
  if (message.run !== undefined) process.send({ us: await run(message.run) });
});
process.on("disconnect", () => process.exit(0));
process.send({ ready: call !== undefined });
