import { describe, expect, it } from "vitest";
import {
  arrayField,
  clientCredentialsToken,
  jsonBody,
  managementFetcher,
  readArray,
  readJson,
  useSharedTenant,
} from "./support.js";

const tenant = useSharedTenant();

describe("tenant logs", () => {
  it("records every successful Management API write as an sapi event, but not reads", async () => {
    const t = tenant();
    const call = managementFetcher(t, await t.managementToken());
    const created = await readJson(await call("/roles", jsonBody("POST", { name: "auditor" })));
    await call(`/roles/${String(created["id"])}`, jsonBody("PATCH", { description: "Reads logs" }));
    await call("/roles");
    await call("/roles", jsonBody("POST", {}));

    const logs = await readArray(await call("/logs?sort=date:1"));
    expect(logs.map((log) => [log["type"], log["description"]])).toEqual([
      ["sapi", "Create a role"],
      ["sapi", "Update a role"],
    ]);
    expect(logs[0]).toMatchObject({
      log_id: expect.stringMatching(/^\d{56}$/),
      date: expect.any(String),
      client_id: t.clientId,
      details: {
        request: { method: "post", path: "/api/v2/roles", body: { name: "auditor" } },
        response: { statusCode: 200 },
      },
    });
  });

  it("records authentication events and lists newest first with totals", async () => {
    const t = tenant();
    const token = await clientCredentialsToken(t);
    const call = managementFetcher(t, token);
    await call(
      "/users",
      jsonBody("POST", { connection: "Username-Password-Authentication", email: "l@example.com", password: "pw" }),
    );
    const page = await readJson(await call("/logs?include_totals=true&per_page=10"));
    expect(page).toMatchObject({ start: 0, limit: 10, total: 2 });
    expect(arrayField(page, "logs").map((log) => log["type"])).toEqual(["sapi", "seccft"]);
    expect(await readArray(await call("/logs?search=type:seccft"))).toHaveLength(1);
  });

  it("pages by checkpoint with from = a log id", async () => {
    const t = tenant();
    const call = managementFetcher(t, await t.managementToken());
    for (const name of ["a", "b", "c"]) await call("/roles", jsonBody("POST", { name }));
    const all = await readArray(await call("/logs?sort=date:1"));
    const after = await readArray(await call(`/logs?from=${String(all[0]?.["log_id"])}&take=5`));
    expect(after.map((log) => log["log_id"])).toEqual([all[1]?.["log_id"], all[2]?.["log_id"]]);
    expect(await readJson(await call(`/logs/${String(all[0]?.["log_id"])}`))).toEqual(all[0]);
  });

  it("lists a user's events", async () => {
    const t = tenant();
    const { users } = t.seed({ users: [{ email: "who@example.com", password: "pw" }] });
    await fetch(`${t.domain}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "password",
        client_id: t.clientId,
        client_secret: t.clientSecret,
        username: "who@example.com",
        password: "pw",
      }),
    });
    const call = managementFetcher(t, await t.managementToken());
    const logs = await readArray(await call(`/users/${encodeURIComponent(String(users[0]?.["user_id"]))}/logs`));
    expect(logs).toEqual([expect.objectContaining({ type: "s", user_name: "who@example.com" })]);
  });
});
