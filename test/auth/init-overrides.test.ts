import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { authClient, form, intercept } from "./support.js";

afterEach(() => nock.cleanAll());

describe("initOverrides", () => {
  it("as a RequestInit: its headers are merged over the method's (a null removes one)", async () => {
    const { seen } = intercept("POST", "/oauth/token", { body: {} });
    const client = authClient({ headers: { "x-removed": "1" } });
    await client.oauth.passwordGrant(
      { username: "u", password: "p" },
      { initOverrides: { headers: { "auth0-forwarded-for": "203.0.113.7", "x-removed": null } as unknown as HeadersInit } },
    );
    expect(seen[0]!.headers).toMatchObject({ "auth0-forwarded-for": "203.0.113.7", "content-type": "application/x-www-form-urlencoded" });
    expect(seen[0]!.headers["x-removed"]).toBeUndefined();
  });

  it("as a function: it sees v5's init and context, and what it returns is merged over them", async () => {
    const { seen } = intercept("POST", "/oauth/token", { body: {} });
    let given: unknown;
    await authClient({ headers: { "x-app": "a" } }).oauth.refreshTokenGrant(
      { refresh_token: "rt" },
      {
        initOverrides: async ({ init, context }) => {
          given = { init, context };
          const body = new URLSearchParams(init.body as URLSearchParams);
          body.set("extra", "1");
          return { headers: { ...init.headers, "x-extra": "yes" }, body };
        },
      },
    );
    expect(given).toMatchObject({
      init: { method: "POST", headers: { "x-app": "a", "Content-Type": "application/x-www-form-urlencoded" } },
      context: { path: "/oauth/token", method: "POST" },
    });
    expect((given as { init: { body: unknown } }).init.body).toBeInstanceOf(URLSearchParams);
    expect(seen[0]!.headers).toMatchObject({ "x-extra": "yes", "x-app": "a" });
    expect(form(seen[0]!.body)).toMatchObject({ refresh_token: "rt", extra: "1", grant_type: "refresh_token" });
  });

  it("a JSON method's function sees the body object; an object body it returns is sent as JSON", async () => {
    const { seen } = intercept("POST", "/dbconnections/change_password", { body: "sent" });
    await authClient().database.changePassword({ email: "e", connection: "c" }, async ({ init }) => ({
      // Typed BodyInit, as in v5; at run time a plain object is serialised as JSON, as v5 does.
      body: { ...(init.body as object), organization: "org_1" } as unknown as BodyInit,
    }));
    expect(JSON.parse(seen[0]!.body)).toEqual({ client_id: "client-id", email: "e", connection: "c", organization: "org_1" });
  });

  it("hands other init fields to the transport (here a custom fetch)", async () => {
    const inits: RequestInit[] = [];
    const client = authClient({
      fetch: async (_url, init) => {
        inits.push(init);
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
    });
    await client.oauth.clientCredentialsGrant({ audience: "a" }, { initOverrides: { cache: "no-store", keepalive: true } });
    await client.oauth.clientCredentialsGrant({ audience: "a" });
    expect(inits[0]).toMatchObject({ cache: "no-store", keepalive: true });
    expect(inits[1]!.cache).toBeUndefined();
  });
});
