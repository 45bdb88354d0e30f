import { inspect } from "node:util";
import { InvalidInputError, ManagementClient, PluginError, type Plugin } from "auth0";
import { proxy, undiciFetcher, type ProxySetting } from "auth0/plugins/undici";
import { startMockTenant } from "auth0/testing";
import { Agent, ProxyAgent } from "undici";
import { ManagementClient as LegacyManagementClient } from "auth0/legacy";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startProxyServer } from "../../../test/helpers/proxy-server.js";

type Tenant = Awaited<ReturnType<typeof startMockTenant>>;
type Proxy = Awaited<ReturnType<typeof startProxyServer>>;

let tenant: Tenant;
let open: Proxy;
let guarded: Proxy;
const USER = "proxy-user";
const PASSWORD = "s3cret:p@ss";
beforeAll(async () => {
  [tenant, open, guarded] = await Promise.all([startMockTenant(), startProxyServer(), startProxyServer({ credentials: `${USER}:${PASSWORD}` })]);
});
afterAll(() => Promise.all([tenant.close(), open.close(), guarded.close()]));
beforeEach(() => {
  open.seen.length = 0;
  guarded.seen.length = 0;
});

const PROXY_VARIABLES = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"] as const;
const savedEnvironment = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of PROXY_VARIABLES) {
    if (savedEnvironment[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnvironment[name];
  }
});

/** The same proxy setting, for each transport: the default one takes `proxy()`, the undici plugin its `proxy` option. */
const TRANSPORTS = [
  { name: "the default transport (fetch) with proxy()", through: (setting: ProxySetting): Plugin[] => [proxy(setting)] },
  { name: "auth0/plugins/undici with its proxy option", through: (setting: ProxySetting): Plugin[] => [undiciFetcher({ proxy: setting })] },
] as const;

function client(plugins: Plugin[], options: Record<string, unknown> = {}): ManagementClient {
  return new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, plugins, ...options });
}

const tenantHost = () => new URL(tenant.domain).host;

describe.each(TRANSPORTS)("$name", ({ through }) => {
  it("tunnels everything — the token request too — through CONNECT by default", async () => {
    const management = client(through(open.url));
    const { data } = await management.roles.list();
    expect(Array.isArray(data)).toBe(true);
    expect(open.seen.length).toBeGreaterThan(0);
    expect(open.seen.every((request) => request.kind === "connect" && request.target === tenantHost())).toBe(true);
  });

  it("forwards plain-http requests in absolute form with tunnel: false (a classic forward proxy)", async () => {
    await client(through({ url: open.url, tunnel: false })).roles.list();
    expect(open.seen.map((request) => `${request.kind} ${request.method} ${new URL(request.target).pathname}`)).toEqual([
      "forward POST /oauth/token",
      "forward GET /api/v2/roles",
    ]);
    expect(open.seen.every((request) => new URL(request.target).host === tenantHost())).toBe(true);
  });

  it("sends the URL's credentials to the proxy as Proxy-Authorization, and a proxy that refuses is an error without them", async () => {
    const withCredentials = `http://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@${new URL(guarded.url).host}`;
    await client(through(withCredentials)).roles.list();
    expect(guarded.seen[0]!.proxyAuthorization).toBe(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`);

    const lines: string[] = [];
    const logger = { debug: (...args: unknown[]) => lines.push(inspect(args, { depth: 8 })), info: (...args: unknown[]) => lines.push(inspect(args, { depth: 8 })), warn: (...args: unknown[]) => lines.push(inspect(args, { depth: 8 })), error: (...args: unknown[]) => lines.push(inspect(args, { depth: 8 })) };
    const wrong = `http://${USER}:${encodeURIComponent("wrong-password")}@${new URL(guarded.url).host}`;
    let error: unknown;
    try {
      await client(through(wrong), { logging: { level: "debug", logger }, maxRetries: 0 }).roles.list();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    const everything = [inspect(error, { depth: 12 }), JSON.stringify(error), ...lines].join("\n");
    for (const secret of ["wrong-password", Buffer.from(`${USER}:wrong-password`).toString("base64")]) expect(everything).not.toContain(secret);

    // A proxy that is not there: the connection error names the address, never the credentials.
    const dead = `http://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:1`;
    const unreachable = await client(through(dead), { maxRetries: 0 }).roles.list().then(() => undefined, (caught: unknown) => caught);
    expect(unreachable).toBeInstanceOf(Error);
    const told = `${inspect(unreachable, { depth: 12 })}\n${JSON.stringify(unreachable)}`;
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`${USER}:${PASSWORD}`).toString("base64")]) expect(told).not.toContain(secret);
  });

  it("honours HTTP_PROXY only when asked to (proxy: \"env\"), and NO_PROXY then bypasses it", async () => {
    process.env.HTTP_PROXY = open.url;
    delete process.env.NO_PROXY;
    await client([]).roles.list();
    expect(open.seen).toHaveLength(0);

    await client(through("env")).roles.list();
    expect(open.seen.length).toBeGreaterThan(0);

    open.seen.length = 0;
    process.env.NO_PROXY = "localhost, 127.0.0.1";
    await client(through("env")).roles.list();
    expect(open.seen).toHaveLength(0);
  });

  it("lets hosts in `noProxy` bypass an explicit proxy", async () => {
    await client(through({ url: open.url, noProxy: "127.0.0.1" })).roles.list();
    expect(open.seen).toHaveLength(0);
  });
});

describe("proxy settings", () => {
  it("refuses a setting that is not an http(s) URL or \"env\" before any request, without repeating it", () => {
    for (const setting of ["ftp://user:hunter2@proxy:21", "not a url hunter2", { url: 42 }, { url: "http://p:1", tunnel: "yes" }, { url: "http://p:1", noProxy: 1 }]) {
      let error: unknown;
      try {
        proxy(setting as ProxySetting);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(String((error as Error).message)).not.toContain("hunter2");
      expect(() => undiciFetcher({ proxy: setting as ProxySetting })).toThrow(InvalidInputError);
    }
  });

  it("refuses proxy() next to the client's own `agent` (PluginError): one dispatcher decides", () => {
    expect(() => client([proxy(open.url)], { agent: new Agent() })).toThrow(PluginError);
  });

  it("sends a v4 client (auth0/legacy, no plugins option) through a proxy given as its `agent`", async () => {
    const agent = new ProxyAgent(open.url);
    const legacy = new LegacyManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, agent });
    await legacy.roles.getAll();
    expect(open.seen.length).toBeGreaterThan(0);
    expect(open.seen.every((request) => request.kind === "connect" && request.target === tenantHost())).toBe(true);
    await agent.close();
  });

  it("reads the environment when a client sends its first request, not when the plugin is made", async () => {
    process.env.HTTP_PROXY = "http://127.0.0.1:1";
    const plugin = proxy("env");
    process.env.HTTP_PROXY = open.url;
    await client([plugin]).roles.list();
    expect(open.seen.length).toBeGreaterThan(0);
  });
});
