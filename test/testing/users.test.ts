import { describe, expect, it } from "vitest";
import { arrayField, jsonBody, managementFetcher, readArray, readJson, useSharedTenant } from "./support.js";

const tenant = useSharedTenant();

async function api() {
  const t = tenant();
  return managementFetcher(t, await t.managementToken());
}

describe("users", () => {
  it("creates, reads, updates and deletes a user", async () => {
    const call = await api();
    const created = await call(
      "/users",
      jsonBody("POST", {
        connection: "Username-Password-Authentication",
        email: "Ann@Example.com",
        password: "pw",
        user_metadata: { theme: "dark", lang: "en" },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const user = await readJson(created);
    expect(user).toMatchObject({
      user_id: expect.stringMatching(/^auth0\|[0-9a-f]{24}$/),
      email: "ann@example.com",
      email_verified: false,
      identities: [{ connection: "Username-Password-Authentication", provider: "auth0", isSocial: false }],
    });
    expect(user).not.toHaveProperty("password");
    const id = encodeURIComponent(String(user["user_id"]));

    expect(await readJson(await call(`/users/${id}`))).toEqual(user);

    const updated = await call(
      `/users/${id}`,
      jsonBody("PATCH", { name: "Ann", user_metadata: { theme: null, tz: "UTC" }, app_metadata: { plan: "pro" } }),
    );
    expect(updated.status).toBe(200);
    expect(await readJson(updated)).toMatchObject({
      name: "Ann",
      user_metadata: { lang: "en", tz: "UTC" },
      app_metadata: { plan: "pro" },
    });

    expect((await call(`/users/${id}`, { method: "DELETE" })).status).toBe(204);
    const gone = await call(`/users/${id}`);
    expect(gone.status).toBe(404);
    expect(await readJson(gone)).toEqual({
      statusCode: 404,
      error: "Not Found",
      message: "The user does not exist.",
      errorCode: "inexistent_user",
    });
  });

  it("applies fields and include_fields", async () => {
    const { users } = tenant().seed({ users: [{ email: "f@example.com", password: "pw" }] });
    const call = await api();
    const id = encodeURIComponent(String(users[0]?.["user_id"]));
    expect(
      Object.keys(await readJson(await call(`/users/${id}?fields=email,user_id&include_fields=true`))).sort(),
    ).toEqual(["email", "user_id"]);
    expect(await readJson(await call(`/users/${id}?fields=identities&include_fields=false`))).not.toHaveProperty(
      "identities",
    );
  });

  it("finds users by email, case-insensitively", async () => {
    tenant().seed({
      connections: [{ name: "other-db" }],
      users: [
        { email: "dup@example.com", password: "pw" },
        { email: "dup@example.com", password: "pw", connection: "other-db" },
      ],
    });
    const call = await api();
    const found = await readArray(await call("/users-by-email?email=DUP@example.com"));
    expect(found).toHaveLength(2);
  });

  it("searches with q: exact email, wildcard name, metadata and boolean operators", async () => {
    tenant().seed({
      users: [
        { email: "john@example.com", password: "pw", name: "John Smith", app_metadata: { plan: "pro" } },
        { email: "joan@example.com", password: "pw", name: "Joan Jett", app_metadata: { plan: "free" } },
        { email: "zed@example.com", password: "pw", name: "Zed", app_metadata: { plan: "pro" } },
      ],
    });
    const call = await api();
    const search = async (q: string) =>
      (await readArray(await call(`/users?q=${encodeURIComponent(q)}&search_engine=v3`)))
        .map((user) => user["email"])
        .sort();
    expect(await search('email:"john@example.com"')).toEqual(["john@example.com"]);
    expect(await search("name:Jo*")).toEqual(["joan@example.com", "john@example.com"]);
    expect(await search("app_metadata.plan:pro")).toEqual(["john@example.com", "zed@example.com"]);
    expect(await search("app_metadata.plan:pro AND NOT name:Zed")).toEqual(["john@example.com"]);
    expect(await search("name:Zed OR name:Joan*")).toEqual(["joan@example.com", "zed@example.com"]);
    expect(await search('identities.connection:"Username-Password-Authentication" AND email:zed*')).toEqual([
      "zed@example.com",
    ]);
  });

  it("pages with page/per_page; include_totals gives { start, limit, length, total, users }", async () => {
    tenant().seed({ users: Array.from({ length: 7 }, (_, i) => ({ email: `u${i}@example.com`, password: "pw" })) });
    const call = await api();
    const page = await readJson(await call("/users?page=1&per_page=3&include_totals=true"));
    expect(page).toMatchObject({ start: 3, limit: 3, length: 3, total: 7 });
    expect(arrayField(page, "users").map((user) => user["email"])).toEqual([
      "u3@example.com",
      "u4@example.com",
      "u5@example.com",
    ]);

    const bare = await readArray(await call("/users?page=2&per_page=3"));
    expect(bare.map((user) => user["email"])).toEqual(["u6@example.com"]);

    const tooMany = await call("/users?per_page=101");
    expect(tooMany.status).toBe(400);
    expect((await readJson(tooMany))["errorCode"]).toBe("invalid_query_string");
  });

  it("sorts and filters by connection", async () => {
    tenant().seed({
      connections: [{ name: "b-db" }],
      users: [
        { email: "b@example.com", password: "pw", connection: "b-db" },
        { email: "a@example.com", password: "pw" },
        { email: "c@example.com", password: "pw" },
      ],
    });
    const call = await api();
    expect((await readArray(await call("/users?sort=email:-1"))).map((user) => user["email"])).toEqual([
      "c@example.com",
      "b@example.com",
      "a@example.com",
    ]);
    expect((await readArray(await call("/users?connection=b-db"))).map((user) => user["email"])).toEqual([
      "b@example.com",
    ]);
  });

  it("assigns, lists and removes a user's roles, and derives permissions from them", async () => {
    const t = tenant();
    const api2 = "https://api.example";
    const { users, roles } = t.seed({
      resourceServers: [{ identifier: api2, scopes: [{ value: "read:things", description: "Read things" }] }],
      roles: [
        { name: "reader", permissions: [{ permission_name: "read:things", resource_server_identifier: api2 }] },
        { name: "writer" },
      ],
      users: [{ email: "r@example.com", password: "pw" }],
    });
    const call = await api();
    const id = encodeURIComponent(String(users[0]?.["user_id"]));
    const roleIds = roles.map((role) => String(role["id"]));
    expect(roleIds[0]).toMatch(/^rol_[A-Za-z0-9]{16}$/);

    expect((await call(`/users/${id}/roles`, jsonBody("POST", { roles: roleIds }))).status).toBe(204);
    const listed = await readJson(await call(`/users/${id}/roles?include_totals=true`));
    expect(listed).toMatchObject({ start: 0, total: 2 });
    expect(arrayField(listed, "roles").map((role) => role["name"])).toEqual(["reader", "writer"]);

    expect(
      (
        await call(
          `/users/${id}/permissions`,
          jsonBody("POST", { permissions: [{ permission_name: "read:things", resource_server_identifier: api2 }] }),
        )
      ).status,
    ).toBe(201);
    const permissions = await readArray(await call(`/users/${id}/permissions`));
    expect(permissions).toEqual([
      expect.objectContaining({
        permission_name: "read:things",
        resource_server_identifier: api2,
        description: "Read things",
        sources: [
          expect.objectContaining({ source_type: "DIRECT" }),
          expect.objectContaining({ source_type: "ROLE", source_name: "reader" }),
        ],
      }),
    ]);

    expect((await call(`/users/${id}/roles`, jsonBody("DELETE", { roles: [roleIds[0]] }))).status).toBe(204);
    expect((await readArray(await call(`/users/${id}/roles`))).map((role) => role["name"])).toEqual(["writer"]);
  });
});
