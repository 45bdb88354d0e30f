import axios from "axios";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Management, ManagementClient, PluginError, type Logger } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { axiosFetcher } from "auth0/plugins/axios";
import { startLoopbackServer } from "../../../test/helpers/loopback-server.js";
import { managementOver, pathsOf, recordingInstance } from "./support.js";

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
let tenant: MockTenant;
beforeAll(async () => {
  server = await startLoopbackServer();
  tenant = await startMockTenant();
});
afterAll(async () => {
  await server.close();
  await tenant.close();
});
beforeEach(() => {
  server.requests.length = 0;
  tenant.reset();
});

const credentials = () => ({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });

describe("the user's axios instance", () => {
  it("is the one used: its interceptors see and change every request, the token request included", async () => {
    const instance = axios.create();
    const statuses: number[] = [];
    instance.interceptors.request.use((config) => {
      config.headers.set("x-from-interceptor", "yes");
      return config;
    });
    instance.interceptors.response.use((response) => {
      statuses.push(response.status);
      return response;
    });
    const management = managementOver(instance, credentials());
    await management.roles.list();
    expect(statuses).toEqual([200, 200]);
    expect(tenant.requests.map((request) => [request.path, request.headers["x-from-interceptor"]])).toEqual([
      ["/oauth/token", "yes"],
      ["/api/v2/roles", "yes"],
    ]);
  });

  it("keeps the chain's contract whatever the instance's defaults: no baseURL prefix, no timeout, no status throwing, no transforms", async () => {
    server.handle((req, res) => {
      if (req.url?.endsWith("/missing")) return void res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not Found"}');
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'), 50);
    });
    const instance = axios.create({
      baseURL: "http://127.0.0.1:9/elsewhere",
      allowAbsoluteUrls: false,
      timeout: 5,
      validateStatus: (status) => status < 300,
      responseType: "json",
      transformRequest: [() => "mangled"],
      transformResponse: [() => "mangled"],
    });
    const management = managementOver(instance, { domain: server.domain, token: "t", maxRetries: 0 });
    expect(await management.users.update("slow", { name: "n" })).toEqual({ ok: true });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ name: "n" });
    const error = await management.users.get("missing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Management.NotFoundError);
    expect(error).toMatchObject({ body: { error: "Not Found" } });
  });

  it("takes extra config for the SDK's requests only (here: a response size limit)", async () => {
    server.handle((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "x".repeat(100) })));
    const { instance } = recordingInstance();
    const management = managementOver(instance, { domain: server.domain, token: "t", maxRetries: 0 }, { config: { maxContentLength: 10 } });
    await expect(management.users.get("a")).rejects.toThrow(/larger than the 10-byte limit/);
    expect((await instance.get(`${server.domain}/api/v2/users/a`)).status).toBe(200);
  });

  it("does not let config make axios follow redirects: the chain follows them, within the origin only", async () => {
    server.handle((req, res) => {
      if (req.url === "/api/v2/users/a") return void res.writeHead(302, { location: "/api/v2/users/b" }).end();
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ user_id: "b" }));
    });
    const management = managementOver(recordingInstance().instance, { domain: server.domain, token: "t", maxRetries: 0 }, { config: { maxRedirects: 5 } });
    const { data, rawResponse } = await management.users.get("a").withRawResponse();
    expect(data).toEqual({ user_id: "b" });
    expect(rawResponse).toMatchObject({ status: 200, redirected: true, url: `${server.domain}/api/v2/users/b` });
  });

  it("refuses what it cannot honour: a value that is not an axios instance, and the client's undici `agent`", () => {
    expect(() => axiosFetcher({} as never)).toThrow(PluginError);
    const plugin = axiosFetcher(axios.create());
    expect(() => new ManagementClient({ domain: server.domain, token: "t", agent: {}, plugins: [plugin] })).toThrow(/httpsAgent/);
  });
});

describe("the chain above the axios fetcher", () => {
  it("still applies auth, custom domain, retry, logging and raw responses", async () => {
    const lines: string[] = [];
    const logger: Logger = { debug: () => undefined, info: (line) => void lines.push(line), warn: (line) => void lines.push(line), error: (line) => void lines.push(line) };
    const { instance, seen } = recordingInstance();
    const management = managementOver(instance, { ...credentials(), withCustomDomainHeader: "login.example.com", logging: { level: "info", logger } });
    expect(management.pipeline.names).toEqual(["auth", "customDomain", "retry", "throttle", "timeout", "logging", "rawResponse"]);

    tenant.faults.inject({ match: { method: "GET", path: "/api/v2/users" }, fault: { kind: "status", status: 503, headers: { "retry-after": "0.01" } } });
    const { rawResponse } = await management.users.list();
    expect(rawResponse.status).toBe(200);
    expect(rawResponse.headers.get("x-ratelimit-limit")).toEqual(expect.any(String));
    expect(pathsOf(seen).map((path) => path.split("?")[0])).toEqual(["POST /oauth/token", "GET /api/v2/users", "GET /api/v2/users"]);
    const users = tenant.requests.filter((request) => request.path === "/api/v2/users");
    expect(users.map((request) => request.status)).toEqual([503, 200]);
    expect(users.every((request) => request.headers.authorization?.startsWith("Bearer ") && request.headers["auth0-custom-domain"] === "login.example.com")).toBe(true);
    expect(lines.filter((line) => line.includes("/api/v2/users"))).toEqual([
      expect.stringMatching(/^auth0 ← GET \/api\/v2\/users \(attempt 1\) 503 in \d+ ms$/),
      expect.stringMatching(/^auth0 ← GET \/api\/v2\/users \(attempt 2\) 200 in \d+ ms$/),
    ]);
  });

  it("still throttles: the rate-limit headers it hands up teach the throttle, so no call meets a 429", async () => {
    const management = managementOver(recordingInstance().instance, { ...credentials(), maxRetries: 0 });
    await management.roles.list();
    tenant.setRateLimit({ burst: 3, perSecond: 30 });
    const worker = async () => {
      for (let i = 0; i < 5; i++) await management.roles.list();
    };
    await expect(Promise.all([worker(), worker(), worker()])).resolves.toBeDefined();
    expect(tenant.stats().rateLimited).toBe(0);
  });
});
