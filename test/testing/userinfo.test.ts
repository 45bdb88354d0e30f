import { describe, expect, it } from "vitest";
import { form, readJson, useSharedTenant } from "./support.js";

const tenant = useSharedTenant();

async function userAccessToken(scope: string): Promise<string> {
  const t = tenant();
  t.seed({ users: [{ email: "uma@example.com", password: "pw", name: "Uma", email_verified: true }] });
  const body = await readJson(
    await fetch(
      `${t.domain}/oauth/token`,
      form({
        grant_type: "password",
        client_id: t.clientId,
        client_secret: t.clientSecret,
        username: "uma@example.com",
        password: "pw",
        scope,
      }),
    ),
  );
  return String(body["access_token"]);
}

describe("/userinfo", () => {
  it("returns the claims the token's scopes release", async () => {
    const token = await userAccessToken("openid profile email");
    const response = await fetch(`${tenant().domain}/userinfo`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body).toMatchObject({
      sub: expect.stringMatching(/^auth0\|/),
      name: "Uma",
      email: "uma@example.com",
      email_verified: true,
    });
  });

  it("returns only sub for an openid-only token", async () => {
    const token = await userAccessToken("openid");
    const body = await readJson(
      await fetch(`${tenant().domain}/userinfo`, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(Object.keys(body)).toEqual(["sub"]);
  });

  it("answers 401 without a token, with a garbage token and with a client-credentials token", async () => {
    const t = tenant();
    expect((await fetch(`${t.domain}/userinfo`)).status).toBe(401);
    const garbage = await fetch(`${t.domain}/userinfo`, { headers: { authorization: "Bearer abc.def.ghi" } });
    expect(garbage.status).toBe(401);
    expect((await readJson(garbage))["error"]).toBe("invalid_token");
    const m2m = await t.managementToken();
    expect((await fetch(`${t.domain}/userinfo`, { headers: { authorization: `Bearer ${m2m}` } })).status).toBe(401);
  });
});
