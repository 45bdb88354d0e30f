import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationClient, JSONApiResponse, ManagementClient, UserInfoClient, VoidApiResponse } from "../index.js";
import * as core from "auth0";
import { endpoints } from "../generated/endpoints.js";
import { DOMAIN, ORIGIN, serve, telemetryOf } from "./helpers.js";

afterEach(() => {
  nock.cleanAll();
});

describe("the v4 ManagementClient", () => {
  it("has v4's 41 managers with their 334 methods (on each manager's class), each manager built on first access", () => {
    const client = new ManagementClient({ domain: DOMAIN, token: "t" });
    const managers = Object.keys(endpoints);
    expect(managers).toHaveLength(41);
    expect(Object.getOwnPropertyNames(client)).not.toContain("users");
    let methods = 0;
    for (const name of managers) {
      const manager = (client as unknown as Record<string, object>)[name]!;
      const own = Object.getOwnPropertyNames(Object.getPrototypeOf(manager)).filter((key) => key !== "constructor");
      for (const method of own) expect(typeof (manager as Record<string, unknown>)[method]).toBe("function");
      methods += own.length;
    }
    expect(methods).toBe(334);
    expect(client.users).toBe(client.users);
    expect(typeof client.users.getAll).toBe("function");
    expect(typeof client.organizations.getMembers).toBe("function");
  });

  it("has none of v5's resources that v4 lacked (its surface at run time is the one its types give)", () => {
    const client = new ManagementClient({ domain: DOMAIN, token: "t" }) as unknown as Record<string, unknown>;
    const v5 = new core.ManagementClient({ domain: DOMAIN, token: "t" }) as unknown as Record<string, unknown>;
    const v5Only = ["groups", "eventStreams", "events", "userGrants", "rateLimitPolicies", "supplementalSignals", "verifiableCredentials"];
    for (const name of v5Only) {
      expect(name in endpoints).toBe(false);
      expect(typeof v5[name], name).toBe("object");
      expect(client[name], name).toBeUndefined();
    }
    expect(typeof client["users"]).toBe("object");
  });

  it("runs on the core's chain, with the legacy links around retry and no throttle", () => {
    const client = new ManagementClient({ domain: DOMAIN, token: "t", middleware: [{ pre: async () => undefined }] });
    expect(client.pipeline.names).toEqual(["auth", "customDomain", "legacyMiddleware", "retry", "legacyTransport", "timeout", "logging", "rawResponse"]);
    // Without hooks there is no legacyMiddleware link; the preset's throttle is never there (v4 retries 429 itself).
    expect(new ManagementClient({ domain: DOMAIN, token: "t" }).pipeline.names).toEqual(["auth", "customDomain", "retry", "legacyTransport", "timeout", "logging", "rawResponse"]);
  });

  it("sends a fixed token, a token function's result (sync or async) per request", async () => {
    const recorded = serve([200, { ok: true }]);
    await new ManagementClient({ domain: DOMAIN, token: "fixed" }).users.get({ id: "1" });
    let count = 0;
    const sync = new ManagementClient({ domain: DOMAIN, token: () => `sync-${++count}` });
    await sync.users.get({ id: "1" });
    await sync.users.get({ id: "1" });
    await new ManagementClient({ domain: DOMAIN, token: async () => "async" }).users.get({ id: "1" });
    expect(recorded.map((request) => request.headers.authorization)).toEqual(["Bearer fixed", "Bearer sync-1", "Bearer sync-2", "Bearer async"]);
  });

  it("gets a client-credentials token through the core (audience default https://{domain}/api/v2/), once for concurrent calls", async () => {
    const recorded = serve([200, { access_token: "cc-token", expires_in: 86400, token_type: "Bearer" }]);
    const client = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "secret" });
    await Promise.all([client.users.get({ id: "1" }), client.roles.getAll(), client.clients.getAll()]);
    const tokenRequests = recorded.filter((request) => request.path === "/oauth/token");
    expect(tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(tokenRequests[0]!.body))).toEqual({
      client_id: "cid",
      audience: `${ORIGIN}/api/v2/`,
      client_secret: "secret",
      grant_type: "client_credentials",
    });
    const apiRequests = recorded.filter((request) => request.path.startsWith("/api/v2/"));
    expect(apiRequests.map((request) => request.headers.authorization)).toEqual(["Bearer cc-token", "Bearer cc-token", "Bearer cc-token"]);
  });

  it("signs a client assertion with clientAssertionSigningKey instead of sending a secret", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const recorded = serve([200, { access_token: "cc-token", expires_in: 86400 }]);
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    await new ManagementClient({ domain: DOMAIN, clientId: "cid", clientAssertionSigningKey: pem }).users.get({ id: "1" });
    const form = new URLSearchParams(recorded[0]!.body);
    expect(form.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    expect(form.get("client_assertion")?.split(".")).toHaveLength(3);
    expect(form.has("client_secret")).toBe(false);
    expect(recorded[1]!.headers.authorization).toBe("Bearer cc-token");
  });

  it("uses the audience option for the token", async () => {
    const recorded = serve([200, { access_token: "cc-token", expires_in: 86400 }]);
    await new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "secret", audience: "https://api.example.com/" }).users.get({ id: "1" });
    expect(new URLSearchParams(recorded[0]!.body).get("audience")).toBe("https://api.example.com/");
  });

  it("reports v4's telemetry (node-auth0 4.37.1 and the runtime) unless telemetry is off, or clientInfo when given", async () => {
    const recorded = serve([200, {}]);
    await new ManagementClient({ domain: DOMAIN, token: "t" }).users.get({ id: "1" });
    await new ManagementClient({ domain: DOMAIN, token: "t", telemetry: false }).users.get({ id: "1" });
    await new ManagementClient({ domain: DOMAIN, token: "t", clientInfo: { name: "my-app", version: "9" } }).users.get({ id: "1" });
    expect(telemetryOf(recorded[0]!.headers["auth0-client"])).toEqual({ name: "node-auth0", version: "4.37.1", env: { node: process.version.slice(1) } });
    expect(recorded[1]!.headers["auth0-client"]).toBeUndefined();
    expect(telemetryOf(recorded[2]!.headers["auth0-client"])).toEqual({ name: "my-app", version: "9" });
  });

  it("sends the headers option on every Management API request, and no Accept header of its own", async () => {
    const recorded = serve([200, {}]);
    await new ManagementClient({ domain: DOMAIN, token: "t", headers: { "X-Tenant-Tag": "blue" } }).users.getAll({ per_page: 2 });
    expect(recorded[0]!.headers["x-tenant-tag"]).toBe("blue");
    expect(recorded[0]!.headers.accept).toBeUndefined();
    expect(recorded[0]!.headers["content-type"]).toBeUndefined();
  });

  it("never pages on its own and never fills page, per_page, include_totals or take", async () => {
    const recorded = serve([200, [{ user_id: "1" }]]);
    const client = new ManagementClient({ domain: DOMAIN, token: "t" });
    const { data } = await client.users.getAll();
    await client.organizations.getMembers({ id: "org_1", from: "cursor", take: 5 });
    expect(data).toEqual([{ user_id: "1" }]);
    expect(recorded.map((request) => request.path)).toEqual(["/api/v2/users", "/api/v2/organizations/org_1/members?from=cursor&take=5"]);
  });

  it("returns the page object with include_totals: true", async () => {
    serve([200, { start: 0, limit: 50, length: 1, total: 1, users: [{ user_id: "1" }] }]);
    const { data } = await new ManagementClient({ domain: DOMAIN, token: "t" }).users.getAll({ include_totals: true });
    expect(data.total).toBe(1);
    expect(data.users?.[0]?.user_id).toBe("1");
  });

  it("reads text responses as text (stats.getActiveUsersCount) and void ones as undefined", async () => {
    serve([200, "17", { "content-type": "text/plain" }]);
    const client = new ManagementClient({ domain: DOMAIN, token: "t" });
    expect((await client.stats.getActiveUsersCount()).data).toBe("17");
    serve([204]);
    const result = await client.users.delete({ id: "auth0|1" });
    expect(result).toBeInstanceOf(VoidApiResponse);
    expect(result.data).toBeUndefined();
    expect(result).toMatchObject({ headers: expect.any(Headers), status: 204, statusText: "No Content" });
  });

  it("resolves to v4's result classes, the ones the authentication clients use", async () => {
    serve([200, { user_id: "1" }]);
    const result = await new ManagementClient({ domain: DOMAIN, token: "t" }).users.get({ id: "1" });
    expect(result).toBeInstanceOf(JSONApiResponse);
    expect(JSONApiResponse).toBe(core.JSONApiResponse);
  });

  it("re-exports the package's AuthenticationClient and UserInfoClient (v4 and v5 are the same on the wire)", () => {
    expect(AuthenticationClient).toBe(core.AuthenticationClient);
    expect(UserInfoClient).toBe(core.UserInfoClient);
  });

  it("throws the core's input errors for a missing domain or credentials", () => {
    expect(() => new ManagementClient({ token: "t" } as never)).toThrow(/domain/i);
    expect(() => new ManagementClient({ domain: DOMAIN } as never)).toThrow(/token|clientId/);
  });
});
