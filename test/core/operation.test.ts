import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationClient, ManagementClient, UserInfoClient, type MiddlewareEntry, type Operation } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";

// A middleware placed before `auth` also sees the client-credentials token request the `auth` link makes. The README
// ("Inside: one middleware chain") tells them apart with `request.operation.api`; these tests hold it to that.
let tenant: MockTenant;
beforeAll(async () => void (tenant = await startMockTenant()));
afterAll(() => tenant.close());
beforeEach(() => tenant.reset({ clearSeed: true }));

const credentials = () => ({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });

describe("request.operation", () => {
  it("names the API, verb and templated path of each request a Management client sends, the token request included", async () => {
    const client = new ManagementClient(credentials());
    const seen: Operation[] = [];
    client.pipeline.use((request, next) => (seen.push(request.operation), next(request)), { name: "spy", before: "auth" });

    const user = await client.users.create({ connection: "Username-Password-Authentication", email: "op@example.com", password: "Passw0rd!long" });
    await client.users.get(user.user_id!);

    // The first call enters the chain, and its `auth` link sends the token request through the whole chain again.
    expect(seen).toEqual([
      { api: "management", method: "POST", path: "/users" },
      { api: "authentication", method: "POST", path: "/oauth/token" },
      { api: "management", method: "GET", path: "/users/{id}" },
    ]);
  });

  it("lets a header added before auth go to the Management API only, as the README shows", async () => {
    const client = new ManagementClient(credentials());
    client.pipeline.use(
      async (request, next) => {
        if (request.operation.api === "management") request.headers["x-correlation-id"] = "corr-1";
        return next(request);
      },
      { name: "correlation", before: "auth" },
    );

    await client.roles.list();

    const [token, roles] = tenant.requests;
    expect(token).toMatchObject({ method: "POST", path: "/oauth/token" });
    expect(token!.headers["x-correlation-id"]).toBeUndefined();
    expect(roles).toMatchObject({ method: "GET", path: "/api/v2/roles" });
    expect(roles!.headers["x-correlation-id"]).toBe("corr-1");
    expect(tenant.requests).toHaveLength(2);
  });

  it("is the Authentication API for every call of the Authentication and UserInfo clients", async () => {
    tenant.seed({ users: [{ email: "auth-op@example.com", password: "Passw0rd!long" }] });
    const seen: Operation[] = [];
    const spy: MiddlewareEntry = { name: "spy", before: "auth", middleware: (request, next) => (seen.push(request.operation), next(request)) };
    const auth = new AuthenticationClient({ ...credentials(), middleware: [spy] });
    const { data } = await auth.oauth.passwordGrant({ username: "auth-op@example.com", password: "Passw0rd!long", scope: "openid" });
    await new UserInfoClient({ domain: tenant.domain, middleware: [spy] }).getUserInfo(data.access_token);

    expect(seen).toEqual([
      { api: "authentication", method: "POST", path: "/oauth/token" },
      { api: "authentication", method: "GET", path: "/.well-known/jwks.json" }, // to verify the ID token
      { api: "authentication", method: "GET", path: "/userinfo" },
    ]);
  });
});
