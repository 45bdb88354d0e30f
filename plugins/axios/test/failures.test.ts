import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManagementError, ManagementTimeoutError, NetworkError } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
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
beforeEach(() => tenant.reset());

const credentials = () => ({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });

describe("failures through the axios fetcher", () => {
  it("turns an attempt that outlives its budget into ManagementTimeoutError, naming the endpoint", async () => {
    server.handle((_req, res) => void setTimeout(() => res.writeHead(200).end("{}"), 400));
    const management = managementOver(recordingInstance().instance, { domain: server.domain, token: "t", maxRetries: 0 });
    const error = await management.users.get("slow", {}, { timeoutInSeconds: 0.1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect((error as Error).message).toBe("Timeout exceeded when calling GET /users/{id}.");
  });

  it("turns the caller's abort mid-response into an AbortError", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"partial":');
    });
    const management = managementOver(recordingInstance().instance, { domain: server.domain, token: "t" });
    const controller = new AbortController();
    const pending = management.users.get("a", {}, { abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toMatchObject({ name: "AbortError" });
  });

  it("ends a streamed body with an AbortError when the caller aborts while it is read", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first,");
    });
    const management = managementOver(recordingInstance().instance, { domain: server.domain, token: "t" });
    const controller = new AbortController();
    const response = await management.fetch("/stream", { signal: controller.signal });
    const reading = response.text();
    setTimeout(() => controller.abort(), 30);
    await expect(reading).rejects.toMatchObject({ name: "AbortError" });
  });

  it("retries a GET whose connection was reset (ECONNRESET), through axios again", async () => {
    const { instance, seen } = recordingInstance();
    const management = managementOver(instance, credentials());
    await management.roles.list(); // the token first
    seen.length = 0;
    tenant.faults.inject({ match: { method: "GET", path: "/api/v2/roles" }, fault: { kind: "reset", when: "before-body" } });
    const page = await management.roles.list();
    expect(page.data).toEqual(expect.any(Array));
    expect(pathsOf(seen).map((path) => path.split("?")[0])).toEqual(["GET /api/v2/roles", "GET /api/v2/roles"]);
    expect(tenant.requests.filter((request) => request.path === "/api/v2/roles").map((request) => request.status)).toEqual([200, 0, 200]);
  });

  it("retries a GET whose body was cut short, as the default transport does", async () => {
    const management = managementOver(recordingInstance().instance, credentials());
    tenant.faults.inject({ match: { method: "GET", path: "/api/v2/roles" }, fault: { kind: "truncate" } });
    const page = await management.roles.list();
    expect(page.data).toEqual(expect.any(Array));
    expect(tenant.requests.filter((request) => request.path === "/api/v2/roles").map((request) => request.fault)).toEqual(["truncate", undefined]);
  });

  it("does not replay a POST after a reset: the retry policy sees the system code", async () => {
    const { instance, seen } = recordingInstance();
    const management = managementOver(instance, credentials());
    await management.roles.list();
    seen.length = 0;
    tenant.faults.inject({ match: { method: "POST", path: "/api/v2/roles" }, fault: { kind: "reset", when: "after-body" } });
    const error = await management.roles.create({ name: "once" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as Error).cause).toBeInstanceOf(NetworkError);
    expect((error as Error).cause).toMatchObject({ code: "ECONNRESET" });
    expect(seen).toHaveLength(1);
  });

  it("reports a refused connection as a network ManagementError with the code ECONNREFUSED", async () => {
    const management = managementOver(recordingInstance().instance, { domain: "http://127.0.0.1:1", token: "t", maxRetries: 0 });
    const error = await management.users.get("a").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as ManagementError).statusCode).toBeUndefined();
    expect((error as Error).cause).toMatchObject({ name: "NetworkError", code: "ECONNREFUSED" });
  });

  it("keeps axios's error (which carries the request config) out of what the caller gets: no token, no secret", async () => {
    const management = managementOver(recordingInstance().instance, credentials());
    tenant.faults.inject({ match: { method: "POST", path: "/oauth/token" }, times: 3, fault: { kind: "reset", when: "after-body" } }); // the token request is retried (maxRetries 2)
    const tokenError = await management.roles.list().catch((e: unknown) => e);
    expect(tokenError).toBeInstanceOf(Error);
    expect(inspect(tokenError, { depth: 20, showHidden: true })).not.toContain(tenant.clientSecret);

    const token = await tenant.managementToken();
    const withToken = managementOver(recordingInstance().instance, { domain: tenant.domain, token, maxRetries: 0 });
    tenant.faults.inject({ match: { method: "GET", path: "/api/v2/roles" }, fault: { kind: "reset", when: "before-body" } });
    const callError = await withToken.roles.list().catch((e: unknown) => e);
    expect(callError).toBeInstanceOf(ManagementError);
    expect(inspect(callError, { depth: 20, showHidden: true })).not.toContain(token);
    expect(JSON.stringify(callError)).not.toContain(token);
  });
});
