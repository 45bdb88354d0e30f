/**
 * The examples of MIGRATING.md, run: each v4 call (auth0/legacy) and its v5 form (auth0) against the mock tenant,
 * from the same tenant state, send the same Management API request (v5 adds only its list defaults).
 */
import {
  AuthenticationClient as LegacyAuthenticationClient,
  CustomDomainHeader as LegacyCustomDomainHeader, ManagementApiError,
  ManagementClient as LegacyManagementClient,
  type Middleware,
} from "../index.js";
import { AuthenticationClient, Management, ManagementClient, ManagementError, type ClientHookable, type PipelineRequest } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let tenant: MockTenant;
let legacy: LegacyManagementClient;
let management: ManagementClient;
let userId: string;
let roleId: string;
let organizationId: string;

beforeAll(async () => {
  tenant = await startMockTenant({ rateLimit: { burst: 1000, perSecond: 1000 } });
  const seeded = tenant.seed({
    roles: [{ name: "admin" }, { name: "viewer" }],
    users: [
      { email: "ann@example.com", password: "Passw0rd!ann", name: "Ann", roles: ["admin"] },
      { email: "bob@example.com", password: "Passw0rd!bob", name: "Bob" },
    ],
    organizations: [{ name: "acme", members: ["ann@example.com", "bob@example.com"] }],
  });
  userId = String(seeded.users[0]!.user_id);
  roleId = String(seeded.roles[1]!.id);
  organizationId = String(seeded.organizations[0]!.id);
  const credentials = { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret };
  legacy = new LegacyManagementClient(credentials);
  management = new ManagementClient(credentials);
  // Fetch both tokens now, so the requests compared below are Management API requests only.
  await Promise.all([legacy.users.getAll(), management.users.list()]);
});

afterAll(() => tenant.close());

interface Sent {
  method: string;
  path: string;
  query: Readonly<Record<string, unknown>>;
  body: unknown;
  headers: Readonly<Record<string, unknown>>;
}

/** Runs `call` from the seeded state and returns what it resolved (or rejected) with and the API requests it sent. */
async function run(call: () => Promise<unknown>): Promise<{ outcome: unknown; sent: Sent[] }> {
  tenant.reset();
  let outcome: unknown;
  try {
    outcome = await call();
  } catch (error) {
    outcome = error;
  }
  const sent = tenant.requests
    .filter((request) => request.path.startsWith("/api/v2/"))
    .map(({ method, path, query, body, headers }) => ({ method, path, query, body: body === "" ? undefined : (JSON.parse(body) as unknown), headers }));
  return { outcome, sent };
}

const withoutHeaders = (sent: Sent[]): Omit<Sent, "headers">[] => sent.map(({ headers: _headers, ...rest }) => rest);

/** The v4 and the v5 call send the same requests; `v5Defaults` are the query values v5 fills in for lists. */
async function compare(v4: () => Promise<unknown>, v5: () => Promise<unknown>, v5Defaults: Record<string, string> = {}): Promise<[unknown, unknown]> {
  const before = await run(v4);
  const after = await run(v5);
  expect(before.sent).toHaveLength(1);
  const expected = withoutHeaders(before.sent).map((request) => ({ ...request, query: { ...request.query, ...v5Defaults } }));
  expect(withoutHeaders(after.sent)).toEqual(expected);
  return [before.outcome, after.outcome];
}

describe("migrating calls from v4 to v5", () => {
  it("users.getAll({ per_page }) → users.list({ per_page }): v5 adds page and include_totals, and returns a Page", async () => {
    const [v4, v5] = await compare(
      () => legacy.users.getAll({ per_page: 10 }),
      () => management.users.list({ per_page: 10 }),
      { page: "0", include_totals: "true" },
    );
    const { data: users } = v4 as Awaited<ReturnType<typeof legacy.users.getAll>>;
    const page = v5 as Awaited<ReturnType<typeof management.users.list>>;
    expect(page.data.map((user) => user.email)).toEqual(users.map((user) => user.email));
  });

  it("users.get({ id }) → users.get(id): { data } becomes the data itself, or .withRawResponse()", async () => {
    const [v4, v5] = await compare(() => legacy.users.get({ id: userId }), () => management.users.get(userId));
    const { data, status, headers } = v4 as Awaited<ReturnType<typeof legacy.users.get>>;
    expect(v5).toEqual(data);
    const raw = await management.users.get(userId).withRawResponse();
    expect(raw.data).toEqual(data);
    expect(raw.rawResponse.status).toBe(status);
    expect(raw.rawResponse.headers.get("content-type")).toBe(headers.get("content-type"));
  });

  it("users.create(body) → users.create(body)", async () => {
    const body = { email: "cat@example.com", connection: "Username-Password-Authentication", password: "Passw0rd!cat" };
    const [v4, v5] = await compare(() => legacy.users.create(body), () => management.users.create(body));
    expect((v4 as { data: { email: string } }).data.email).toBe("cat@example.com");
    expect((v5 as { email: string }).email).toBe("cat@example.com");
  });

  it("users.update({ id }, body) → users.update(id, body)", async () => {
    const [v4, v5] = await compare(() => legacy.users.update({ id: userId }, { name: "Ann B." }), () => management.users.update(userId, { name: "Ann B." }));
    expect((v4 as { data: { name: string } }).data.name).toBe("Ann B.");
    expect((v5 as { name: string }).name).toBe("Ann B.");
  });

  it("users.delete({ id }) → users.delete(id)", async () => {
    await compare(() => legacy.users.delete({ id: userId }), () => management.users.delete(userId));
  });

  it("users.getRoles({ id }) → users.roles.list(id)", async () => {
    const [v4, v5] = await compare(() => legacy.users.getRoles({ id: userId }), () => management.users.roles.list(userId), {
      page: "0",
      per_page: "50",
      include_totals: "true",
    });
    expect((v4 as { data: { name?: string }[] }).data.map((role) => role.name)).toEqual(["admin"]);
    expect((v5 as Awaited<ReturnType<typeof management.users.roles.list>>).data.map((role) => role.name)).toEqual(["admin"]);
  });

  it("users.assignRoles({ id }, { roles }) → users.roles.assign(id, { roles })", async () => {
    await compare(() => legacy.users.assignRoles({ id: userId }, { roles: [roleId] }), () => management.users.roles.assign(userId, { roles: [roleId] }));
  });

  it("organizations.getMembers({ id, from, take }) → organizations.members.list(id, { from, take })", async () => {
    const [v4, v5] = await compare(
      () => legacy.organizations.getMembers({ id: organizationId, take: 1 }),
      () => management.organizations.members.list(organizationId, { take: 1 }),
    );
    expect((v4 as { data: { members: unknown[] } }).data.members).toEqual((v5 as { data: unknown[] }).data);
  });

  it("tickets.changePassword(body) → tickets.changePassword(body)", async () => {
    await compare(() => legacy.tickets.changePassword({ user_id: userId }), () => management.tickets.changePassword({ user_id: userId }));
  });

  it("jobs.verifyEmail(body) → jobs.verificationEmail.create(body)", async () => {
    await compare(() => legacy.jobs.verifyEmail({ user_id: userId }), () => management.jobs.verificationEmail.create({ user_id: userId }));
  });

  it("ManagementApiError → ManagementError / Management.NotFoundError", async () => {
    const [v4, v5] = await compare(() => legacy.users.get({ id: "auth0|missing" }), () => management.users.get("auth0|missing"));
    expect(v4).toBeInstanceOf(ManagementApiError);
    expect(v4).toMatchObject({ statusCode: 404 });
    expect(v5).toBeInstanceOf(Management.NotFoundError);
    expect(v5).toBeInstanceOf(ManagementError);
    expect(v5).toMatchObject({ statusCode: 404 });
  });

  it("a missing path param: RequiredError → a TypeError, both before any request", async () => {
    const v4 = await run(() => (legacy.users.get as (params: object) => Promise<unknown>)({}));
    const v5 = await run(() => (management.users.get as (id?: string) => Promise<unknown>)());
    expect(v4.sent).toEqual([]);
    expect(v5.sent).toEqual([]);
    expect((v4.outcome as Error).name).toBe("RequiredError");
    expect(v5.outcome).toBeInstanceOf(TypeError);
  });
});

describe("migrating options from v4 to v5", () => {
  const credentials = (): { domain: string; clientId: string; clientSecret: string } => ({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });

  /** The per-attempt time budget and the retries a call gets (once the call has finished). */
  async function budgetOf(client: { lifecycle: ClientHookable }, call: () => Promise<unknown>): Promise<{ timeoutMs: number; maxRetries: number }> {
    let budget: { timeoutMs: number; maxRetries: number } | undefined;
    client.lifecycle.hookOnce("request:start", ({ request }: { request: PipelineRequest }) => void (budget = { timeoutMs: request.timeoutMs, maxRetries: request.maxRetries }));
    await call();
    return budget!;
  }

  it("retry: { maxRetries } → maxRetries, and timeoutDuration (ms) → timeoutInSeconds", async () => {
    const v4 = new LegacyManagementClient({ ...credentials(), retry: { maxRetries: 5 }, timeoutDuration: 5000 });
    const v5 = new ManagementClient({ ...credentials(), maxRetries: 5, timeoutInSeconds: 5 });
    expect(await budgetOf(v4, () => v4.users.getAll())).toEqual({ timeoutMs: 5000, maxRetries: 5 });
    expect(await budgetOf(v5, () => v5.users.list())).toEqual({ timeoutMs: 5000, maxRetries: 5 });
    const v4Off = new LegacyManagementClient({ ...credentials(), retry: { enabled: false } });
    const v5Off = new ManagementClient({ ...credentials(), maxRetries: 0 });
    expect((await budgetOf(v4Off, () => v4Off.users.getAll())).maxRetries).toBe(0);
    expect((await budgetOf(v5Off, () => v5Off.users.list())).maxRetries).toBe(0);
  });

  it("a v4 pre hook → a v5 middleware placed before retry: the same header goes out", async () => {
    const pre: Middleware["pre"] = async ({ url, init }) => ({ url, init: { ...init, headers: { ...(init.headers as Record<string, string>), "x-request-source": "batch" } } });
    const v4 = new LegacyManagementClient({ ...credentials(), middleware: [{ pre }] });
    const v5 = new ManagementClient({
      ...credentials(),
      middleware: [{ name: "source", before: "retry", middleware: (request, next) => ((request.headers["x-request-source"] = "batch"), next(request)) }],
    });
    const [before, after] = [await run(() => v4.users.get({ id: userId })), await run(() => v5.users.get(userId))];
    expect(withoutHeaders(after.sent.slice(-1))).toEqual(withoutHeaders(before.sent.slice(-1)));
    expect(before.sent.at(-1)!.headers["x-request-source"]).toBe("batch");
    expect(after.sent.at(-1)!.headers["x-request-source"]).toBe("batch");
  });

  it("CustomDomainHeader(domain) as initOverrides → withCustomDomainHeader: domain", async () => {
    const v5 = new ManagementClient({ ...credentials(), withCustomDomainHeader: "login.example.com" });
    const [before, after] = [
      await run(() => legacy.users.get({ id: userId }, LegacyCustomDomainHeader("login.example.com"))),
      await run(() => v5.users.get(userId)),
    ];
    expect(before.sent.at(-1)!.headers["auth0-custom-domain"]).toBe("login.example.com");
    expect(after.sent.at(-1)!.headers["auth0-custom-domain"]).toBe("login.example.com");
  });
});

describe("migrating the authentication clients", () => {
  it("AuthenticationClient: the same class, so the same request (change the import only)", async () => {
    const options = { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret };
    const tokens = async (client: LegacyAuthenticationClient): Promise<unknown> => {
      tenant.clearRequests();
      const { data } = await client.oauth.clientCredentialsGrant({ audience: tenant.managementAudience });
      const [request] = tenant.requests;
      return { token: typeof data.access_token, path: request?.path, body: Object.fromEntries(new URLSearchParams(request?.body)) };
    };
    expect(LegacyAuthenticationClient).toBe(AuthenticationClient);
    expect(await tokens(new LegacyAuthenticationClient(options))).toEqual(await tokens(new AuthenticationClient(options)));
  });
});
