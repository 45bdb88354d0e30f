import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { ManagementClient, ManagementError, ManagementTimeoutError, Management } from "auth0";

// The SDK over real HTTP against the embedded mock tenant: the default ky transport, the real token endpoint.
let tenant: MockTenant;
beforeAll(async () => void (tenant = await startMockTenant({ jobs: { pendingMs: 30, processingMs: 60 } })));
afterAll(() => tenant.close());
beforeEach(() => tenant.reset({ clearSeed: true }));

const management = (options: Partial<ConstructorParameters<typeof ManagementClient>[0]> = {}) =>
  new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, ...options } as ConstructorParameters<typeof ManagementClient>[0]);

describe("the SDK against the mock tenant over loopback HTTP", () => {
  it("uses one client-credentials token for many calls", async () => {
    const client = management();
    const created = await client.users.create({ connection: "Username-Password-Authentication", email: "ann@example.com", password: "Passw0rd!x" });
    await Promise.all(Array.from({ length: 20 }, () => client.users.get(created.user_id!)));
    expect(tenant.stats().tokenRequests).toBe(1);
  });

  it("retries an injected 503 and an injected 429 and succeeds", async () => {
    const client = management();
    client.pipeline.replace("retry", (await import("auth0")).retry({ initialDelayMs: 5, hooks: client.lifecycle }));
    tenant.faults.inject({ match: { method: "GET", path: "/api/v2/roles" }, fault: { kind: "status", status: 503 } });
    tenant.faults.inject({ match: { method: "GET", path: "/api/v2/roles" }, fault: { kind: "status", status: 429, headers: { "retry-after": "1" } } });
    const page = await client.roles.list();
    expect(page.data).toEqual([]);
    expect(tenant.requests.filter((r) => r.path === "/api/v2/roles").map((r) => r.status)).toEqual([503, 429, 200]);
  });

  it("times out a slow first byte with ManagementTimeoutError", async () => {
    tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "latency", ms: 500 } });
    await expect(management({ maxRetries: 0 }).roles.list({}, { timeoutInSeconds: 0.1 })).rejects.toBeInstanceOf(ManagementTimeoutError);
  });

  it("aborts mid-response when the caller aborts", async () => {
    const client = management();
    await client.roles.list(); // token first, so the abort lands on the body
    tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "slow-body", chunkDelayMs: 200, chunkSize: 4 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    await expect(client.roles.list({}, { abortSignal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("walks many pages with for await, one request per page", async () => {
    tenant.seed({ users: Array.from({ length: 250 }, (_, i) => ({ email: `user${i}@example.com`, password: "Passw0rd!x" })) });
    const client = management();
    const emails = new Set<string>();
    for await (const user of await client.users.list({ per_page: 20 })) emails.add(user.email!);
    expect(emails.size).toBe(250);
    expect(tenant.requests.filter((r) => r.path === "/api/v2/users").length).toBe(13);
  });

  it("replays a call once with a fresh token after a 401", async () => {
    const client = management();
    await client.roles.list();
    tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "status", status: 401, body: { statusCode: 401, error: "Unauthorized", message: "Expired token" } } });
    await client.roles.list();
    expect(tenant.stats().tokenRequests).toBe(2);
  });

  it("refreshes a token that is about to expire", async () => {
    const short = await startMockTenant({ accessTokenTtlSeconds: 10 });
    try {
      const client = new ManagementClient({ domain: short.domain, clientId: short.clientId, clientSecret: short.clientSecret });
      await client.roles.list();
      await client.roles.list();
      expect(short.stats().tokenRequests).toBe(2);
    } finally {
      await short.close();
    }
  });

  it("runs a users-import job to completion and the users appear", async () => {
    const client = management();
    const connection = (await client.connections.list({ name: "Username-Password-Authentication" })).data[0]!;
    const users = [{ email: "imported1@example.com", email_verified: true }, { email: "imported2@example.com" }];
    const job = await client.jobs.usersImports.create({ users: new Blob([JSON.stringify(users)], { type: "application/json" }), connection_id: connection.id! });
    expect(job.status).toBe("pending");
    let status = job.status;
    for (let i = 0; i < 50 && status !== "completed"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      status = (await client.jobs.get(job.id!)).status;
    }
    expect(status).toBe("completed");
    const found = await client.users.listUsersByEmail({ email: "imported2@example.com" });
    expect(found).toHaveLength(1);
  });

  it("maps the tenant's errors: 404, 409, 403 for a token without the scope, 501 for what it does not implement", async () => {
    const client = management();
    await expect(client.users.get("auth0|nope")).rejects.toBeInstanceOf(Management.NotFoundError);
    const user = { connection: "Username-Password-Authentication", email: "dup@example.com", password: "Passw0rd!x" };
    await client.users.create(user);
    await expect(client.users.create(user)).rejects.toBeInstanceOf(Management.ConflictError);
    const reader = tenant.createClient({ scopes: ["read:users"] });
    const limited = management({ clientId: reader.clientId, clientSecret: reader.clientSecret });
    const denied = await limited.roles.create({ name: "r" }).catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(Management.ForbiddenError);
    expect((denied as ManagementError).body).toMatchObject({ errorCode: "insufficient_scope" });
    const unimplemented = await client.branding.get().catch((error: unknown) => error);
    expect(unimplemented).toBeInstanceOf(ManagementError);
    expect((unimplemented as ManagementError).statusCode).toBe(501);
  });
});
