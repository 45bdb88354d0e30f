import { describe, expect, it } from "vitest";
import type { MockTenant } from "../../src/testing/index.js";
import { arrayField, jsonBody, managementFetcher, readArray, readJson, useSharedTenant, type Json } from "./support.js";

const tenant = useSharedTenant();

/** Follows `next` the way the SDK's checkpoint pager does, collecting every page. */
async function walk(
  call: ReturnType<typeof managementFetcher>,
  path: string,
  field: string,
  take: number,
): Promise<Json[][]> {
  const pages: Json[][] = [];
  let from: string | undefined;
  for (;;) {
    const separator = path.includes("?") ? "&" : "?";
    const body = await readJson(
      await call(`${path}${separator}take=${take}${from ? `&from=${encodeURIComponent(from)}` : ""}`),
    );
    pages.push(arrayField(body, field));
    const next = body["next"];
    if (typeof next !== "string" || next === "") return pages;
    from = next;
  }
}

async function api(t: MockTenant) {
  return managementFetcher(t, await t.managementToken());
}

describe("checkpoint pagination", () => {
  it("walks connections with from/take until next is absent", async () => {
    const t = tenant();
    t.seed({ connections: Array.from({ length: 6 }, (_, i) => ({ name: `db-${i}` })) });
    const pages = await walk(await api(t), "/connections", "connections", 3);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    const names = pages.flat().map((connection) => connection["name"]);
    expect(names).toEqual(["Username-Password-Authentication", "db-0", "db-1", "db-2", "db-3", "db-4", "db-5"]);
    expect(pages.flat()[1]?.["id"]).toMatch(/^con_[A-Za-z0-9]{16}$/);
  });

  it("keeps offset paging for connections when from/take are absent", async () => {
    const t = tenant();
    const list = await readArray(await (await api(t))("/connections?strategy=auth0"));
    expect(list.map((connection) => connection["name"])).toEqual(["Username-Password-Authentication"]);
  });

  it("walks organization members and organizations", async () => {
    const t = tenant();
    const { users } = t.seed({
      users: Array.from({ length: 5 }, (_, i) => ({ email: `m${i}@example.com`, password: "pw" })),
    });
    const call = await api(t);
    const created = await readJson(
      await call("/organizations", jsonBody("POST", { name: "acme", display_name: "Acme" })),
    );
    expect(created["id"]).toMatch(/^org_[A-Za-z0-9]{16}$/);
    const orgId = String(created["id"]);
    const memberIds = users.map((user) => String(user["user_id"]));
    expect((await call(`/organizations/${orgId}/members`, jsonBody("POST", { members: memberIds }))).status).toBe(204);

    const pages = await walk(call, `/organizations/${orgId}/members`, "members", 2);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((member) => member["user_id"])).toEqual(memberIds);
    expect(pages.flat()[0]).toMatchObject({
      email: "m0@example.com",
      name: "m0@example.com",
      picture: expect.any(String),
    });

    expect(
      (await call(`/organizations/${orgId}/members`, jsonBody("DELETE", { members: [memberIds[0]] }))).status,
    ).toBe(204);
    expect((await walk(call, `/organizations/${orgId}/members`, "members", 50)).flat()).toHaveLength(4);

    await call("/organizations", jsonBody("POST", { name: "globex" }));
    const orgPages = await walk(call, "/organizations", "organizations", 1);
    expect(orgPages.flat().map((organization) => organization["name"])).toEqual(["acme", "globex"]);
    expect((await readJson(await call("/organizations/name/globex")))["name"]).toBe("globex");
  });

  it("assigns roles to organization members", async () => {
    const t = tenant();
    const { users, roles, organizations } = t.seed({
      roles: [{ name: "admin" }],
      users: [{ email: "o@example.com", password: "pw" }],
      organizations: [{ name: "initech", members: ["o@example.com"] }],
    });
    const call = await api(t);
    const base = `/organizations/${String(organizations[0]?.["id"])}/members/${encodeURIComponent(String(users[0]?.["user_id"]))}/roles`;
    expect((await call(base, jsonBody("POST", { roles: [roles[0]?.["id"]] }))).status).toBe(204);
    const listed = await readJson(await call(`${base}?include_totals=true`));
    expect(arrayField(listed, "roles").map((role) => role["name"])).toEqual(["admin"]);
    const withRoles = await readJson(
      await call(`/organizations/${String(organizations[0]?.["id"])}/members?take=5&fields=user_id,roles`),
    );
    expect(arrayField(withRoles, "members")).toEqual([
      { user_id: users[0]?.["user_id"], roles: [{ id: roles[0]?.["id"], name: "admin" }] },
    ]);
  });

  it("walks a role's users with checkpoints, and pages them by offset too", async () => {
    const t = tenant();
    const { roles } = t.seed({
      roles: [{ name: "viewer" }],
      users: Array.from({ length: 3 }, (_, i) => ({ email: `v${i}@example.com`, password: "pw", roles: ["viewer"] })),
    });
    const call = await api(t);
    const roleId = String(roles[0]?.["id"]);
    expect((await walk(call, `/roles/${roleId}/users`, "users", 2)).map((page) => page.length)).toEqual([2, 1]);
    const offset = await readJson(await call(`/roles/${roleId}/users?page=0&per_page=2&include_totals=true`));
    expect(offset).toMatchObject({ start: 0, limit: 2, total: 3 });
  });

  it("walks client grants", async () => {
    const t = tenant();
    t.createClient({ scopes: ["read:users"] });
    t.createClient({ scopes: ["read:roles"] });
    const pages = await walk(await api(t), "/client-grants", "client_grants", 2);
    expect(pages.flat()).toHaveLength(3);
    expect(pages.flat()[0]).toMatchObject({ id: expect.stringMatching(/^cgr_/), audience: t.managementAudience });
  });

  it("refuses a from value that is not a checkpoint it issued", async () => {
    const t = tenant();
    const response = await (await api(t))("/connections?take=2&from=garbage");
    expect(response.status).toBe(400);
  });
});
