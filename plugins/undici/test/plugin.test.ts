import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { InvalidInputError, ManagementClient, PluginError } from "auth0";
import { undiciFetcher } from "auth0/plugins/undici";
import { Agent } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { json, startRecordingOrigin, type RecordingOrigin } from "./support.js";

let origin: RecordingOrigin;
beforeAll(async () => void (origin = await startRecordingOrigin()));
afterAll(() => origin.close());
beforeEach(() => {
  origin.requests.length = 0;
  origin.handle(() => json({ user_id: "auth0|1" }));
});

const run = promisify(execFile);
const root = join(import.meta.dirname, "../../..");

describe("undiciFetcher() options", () => {
  it("refuses what it cannot use, before any request, with InvalidInputError", () => {
    expect(() => undiciFetcher({ dispatcher: {} as never })).toThrow(InvalidInputError);
    expect(() => undiciFetcher({ dispatcher: origin.dispatcher, proxy: "http://127.0.0.1:1" })).toThrow(/not both/);
    expect(() => undiciFetcher({ dispatcher: origin.dispatcher, agentOptions: {} })).toThrow(InvalidInputError);
    expect(() => undiciFetcher(null as never)).toThrow(InvalidInputError);
  });

  it("refuses a dispatcher or proxy of its own next to the client's `agent`, and an `agent` that is not a dispatcher (PluginError)", () => {
    const agent = new Agent();
    expect(() => new ManagementClient({ domain: origin.origin, token: "t", agent, plugins: [undiciFetcher({ dispatcher: agent })] })).toThrow(PluginError);
    expect(() => new ManagementClient({ domain: origin.origin, token: "t", agent, plugins: [undiciFetcher({ proxy: "env" })] })).toThrow(PluginError);
    expect(() => new ManagementClient({ domain: origin.origin, token: "t", agent: { not: "a dispatcher" }, plugins: [undiciFetcher()] })).toThrow(PluginError);
    void agent.close();
  });

  it("sends through the dispatcher it is given", async () => {
    const client = new ManagementClient({ domain: "tenant.example.com", token: "t", plugins: [undiciFetcher({ dispatcher: origin.dispatcher })] });
    expect(await client.users.get("auth0|1")).toEqual({ user_id: "auth0|1" });
    expect(origin.requests.map((request) => `${request.host} ${request.path}`)).toEqual(["tenant.example.com /api/v2/users/auth0%7C1"]);
  });

  it("sends through the client's `agent` (as for mTLS), which a Management and an Authentication client both honour", async () => {
    const client = new ManagementClient({ domain: "tenant.example.com", token: "t", agent: origin.dispatcher, plugins: [undiciFetcher()] });
    await client.users.get("auth0|1");
    expect(origin.requests.map((request) => request.host)).toEqual(["tenant.example.com"]);
  });

  it("makes one keep-alive agent per client: sequential calls share a connection, another client opens its own", async () => {
    const before = origin.connections();
    const first = new ManagementClient({ domain: origin.origin, token: "t", plugins: [undiciFetcher({ agentOptions: { connections: 1 } })] });
    for (let i = 0; i < 5; i++) await first.users.get("auth0|1");
    expect(origin.connections() - before).toBe(1);
    const plugin = undiciFetcher();
    const [a, b] = [new ManagementClient({ domain: origin.origin, token: "t", plugins: [plugin] }), new ManagementClient({ domain: origin.origin, token: "t", plugins: [plugin] })];
    await a.users.get("auth0|1");
    await b.users.get("auth0|1");
    expect(origin.connections() - before).toBe(3);
  });
});

describe("globals", () => {
  // A fresh process: the slot is shared by every copy of undici in it, Node's fetch included.
  it("importing the entry loads nothing; the first request loads undici without taking Node's global dispatcher", async () => {
    const script = `
      const slot = Symbol.for("undici.globalDispatcher.1");
      const { ManagementClient } = await import("auth0");
      const { undiciFetcher } = await import("auth0/plugins/undici");
      const { createServer } = await import("node:http");
      const emptyAtStart = globalThis[slot] === undefined;
      const server = createServer((req, res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
      await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
      const client = new ManagementClient({ domain: "http://127.0.0.1:" + server.address().port, token: "t", plugins: [undiciFetcher()] });
      const afterConstruct = globalThis[slot] === undefined;
      await client.users.get("x");
      const undici = await import("undici");
      const global = globalThis[slot];
      server.close();
      console.log(JSON.stringify({ emptyAtStart, emptyAfterConstruct: afterConstruct, set: global !== undefined, isPackageAgent: global instanceof undici.Agent }));
    `;
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, timeout: 60_000 });
    // Set by Node's own fetch (as on any first fetch), not an instance of the installed undici package's Agent.
    expect(JSON.parse(stdout)).toEqual({ emptyAtStart: true, emptyAfterConstruct: true, set: true, isPackageAgent: false });
  }, 60_000);
});
