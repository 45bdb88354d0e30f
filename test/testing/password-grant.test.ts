import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { form, readJson, useSharedTenant } from "./support.js";

const tenant = useSharedTenant();

function seedAlice() {
  const { users } = tenant().seed({
    users: [
      {
        email: "alice@example.com",
        password: "Passw0rd!",
        name: "Alice Liddell",
        given_name: "Alice",
        email_verified: true,
      },
    ],
  });
  return String(users[0]?.["user_id"]);
}

function passwordLogin(values: Record<string, string>) {
  const t = tenant();
  return fetch(
    `${t.domain}/oauth/token`,
    form({
      grant_type: "password",
      client_id: t.clientId,
      client_secret: t.clientSecret,
      username: "alice@example.com",
      password: "Passw0rd!",
      ...values,
    }),
  );
}

describe("password grant", () => {
  it("returns an ID token that passes OIDC validation against the remote JWKS, with profile claims", async () => {
    const userId = seedAlice();
    const response = await passwordLogin({ scope: "openid profile email" });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body).toMatchObject({ token_type: "Bearer", scope: "openid profile email", expires_in: expect.any(Number) });
    expect(body).not.toHaveProperty("refresh_token");

    const t = tenant();
    const jwks = createRemoteJWKSet(new URL(`${t.domain}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(String(body["id_token"]), jwks, {
      issuer: t.issuer,
      audience: t.clientId,
      algorithms: ["RS256"],
    });
    expect(payload).toMatchObject({
      iss: `${t.domain}/`,
      sub: userId,
      aud: t.clientId,
      email: "alice@example.com",
      email_verified: true,
      name: "Alice Liddell",
      given_name: "Alice",
      nickname: "alice",
    });
    expect(payload.auth_time).toEqual(expect.any(Number));
    expect(payload.exp! > payload.iat!).toBe(true);
    expect(payload).not.toHaveProperty("nonce");
  });

  it("gives an access token for /userinfo, plus the API when an audience is asked", async () => {
    seedAlice();
    const t = tenant();
    const body = await readJson(await passwordLogin({ scope: "openid", audience: t.managementAudience }));
    const jwks = createRemoteJWKSet(new URL(`${t.domain}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(String(body["access_token"]), jwks, { issuer: t.issuer });
    expect(payload.aud).toEqual([t.managementAudience, `${t.domain}/userinfo`]);
    expect(payload["azp"]).toBe(t.clientId);
  });

  it("returns a refresh token when offline_access is asked", async () => {
    seedAlice();
    const body = await readJson(await passwordLogin({ scope: "openid offline_access" }));
    expect(body["refresh_token"]).toEqual(expect.any(String));
  });

  it("uses the realm's connection for the password-realm grant", async () => {
    const t = tenant();
    t.seed({
      connections: [{ name: "partners" }],
      users: [{ email: "bob@example.com", password: "pw", connection: "partners" }],
    });
    const ok = await fetch(
      `${t.domain}/oauth/token`,
      form({
        grant_type: "http://auth0.com/oauth/grant-type/password-realm",
        client_id: t.clientId,
        client_secret: t.clientSecret,
        username: "bob@example.com",
        password: "pw",
        realm: "partners",
        scope: "openid",
      }),
    );
    expect(ok.status).toBe(200);
    const wrongRealm = await fetch(
      `${t.domain}/oauth/token`,
      form({
        grant_type: "http://auth0.com/oauth/grant-type/password-realm",
        client_id: t.clientId,
        client_secret: t.clientSecret,
        username: "bob@example.com",
        password: "pw",
        realm: "Username-Password-Authentication",
      }),
    );
    expect(wrongRealm.status).toBe(403);
  });

  it("refuses a wrong password with invalid_grant and a blocked user with unauthorized", async () => {
    seedAlice();
    const wrong = await passwordLogin({ password: "nope" });
    expect(wrong.status).toBe(403);
    expect(await readJson(wrong)).toEqual({ error: "invalid_grant", error_description: "Wrong email or password." });

    tenant().seed({ users: [{ email: "mallory@example.com", password: "pw", blocked: true }] });
    const blocked = await passwordLogin({ username: "mallory@example.com", password: "pw" });
    expect(blocked.status).toBe(401);
    expect((await readJson(blocked))["error"]).toBe("unauthorized");
  });

  it("adds org_id and org_name for an organization the user belongs to, and refuses one they do not", async () => {
    const userId = seedAlice();
    const t = tenant();
    const { organizations } = t.seed({ organizations: [{ name: "acme", members: [userId] }, { name: "globex" }] });
    const body = await readJson(await passwordLogin({ scope: "openid", organization: "acme" }));
    const { payload } = await jwtVerify(
      String(body["id_token"]),
      createRemoteJWKSet(new URL(`${t.domain}/.well-known/jwks.json`)),
      { issuer: t.issuer, audience: t.clientId },
    );
    expect(payload["org_id"]).toBe(organizations[0]?.["id"]);
    expect(payload["org_name"]).toBe("acme");

    const outsider = await passwordLogin({ scope: "openid", organization: "globex" });
    expect(outsider.status).toBe(403);
  });

  it("refuses a grant type the client is not allowed", async () => {
    seedAlice();
    const t = tenant();
    const m2m = t.createClient({ appType: "non_interactive", scopes: [] });
    const response = await fetch(
      `${t.domain}/oauth/token`,
      form({
        grant_type: "password",
        client_id: m2m.clientId,
        client_secret: m2m.clientSecret,
        username: "alice@example.com",
        password: "Passw0rd!",
      }),
    );
    expect(response.status).toBe(403);
    expect((await readJson(response))["error"]).toBe("unauthorized_client");
  });

  it("signs ID tokens with the client secret (HS256) for a client configured so", async () => {
    seedAlice();
    const t = tenant();
    const hs = t.createClient({ grantTypes: ["password"], idTokenSigningAlg: "HS256" });
    const response = await fetch(
      `${t.domain}/oauth/token`,
      form({
        grant_type: "password",
        client_id: hs.clientId,
        client_secret: hs.clientSecret,
        username: "alice@example.com",
        password: "Passw0rd!",
        scope: "openid",
      }),
    );
    const idToken = String((await readJson(response))["id_token"]);
    const { protectedHeader } = await jwtVerify(idToken, new TextEncoder().encode(hs.clientSecret), {
      issuer: t.issuer,
      audience: hs.clientId,
    });
    expect(protectedHeader.alg).toBe("HS256");
  });

  it("counts the login on the user", async () => {
    const userId = seedAlice();
    await passwordLogin({});
    expect(tenant().findUser(userId)).toMatchObject({ logins_count: 1, last_login: expect.any(String) });
  });
});
