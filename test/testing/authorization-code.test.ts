import { createHash, randomBytes } from "node:crypto";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { form, readJson, useSharedTenant } from "./support.js";

const tenant = useSharedTenant();

const verifier = randomBytes(32).toString("base64url");
const challenge = createHash("sha256").update(verifier).digest("base64url");

function seedUser(): string {
  const { users } = tenant().seed({ users: [{ email: "pkce@example.com", password: "pw", name: "Pat Kce" }] });
  return String(users[0]?.["user_id"]);
}

function exchange(code: string, values: Record<string, string>) {
  const t = tenant();
  return fetch(
    `${t.domain}/oauth/token`,
    form({ grant_type: "authorization_code", client_id: t.clientId, code, ...values }),
  );
}

describe("authorization code with PKCE", () => {
  it("exchanges a code for tokens when the verifier matches the S256 challenge, with nonce in the ID token", async () => {
    const userId = seedUser();
    const t = tenant();
    const code = t.issueAuthorizationCode({
      userId,
      redirectUri: "https://app.example/cb",
      codeChallenge: challenge,
      nonce: "n-0S6_WzA2Mj",
    });
    const response = await exchange(code, {
      client_secret: t.clientSecret,
      code_verifier: verifier,
      redirect_uri: "https://app.example/cb",
    });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    const { payload } = await jwtVerify(
      String(body["id_token"]),
      createRemoteJWKSet(new URL(`${t.domain}/.well-known/jwks.json`)),
      {
        issuer: t.issuer,
        audience: t.clientId,
      },
    );
    expect(payload).toMatchObject({ sub: userId, nonce: "n-0S6_WzA2Mj", name: "Pat Kce" });
  });

  it("refuses a wrong verifier with invalid_grant", async () => {
    const userId = seedUser();
    const t = tenant();
    const code = t.issueAuthorizationCode({ userId, codeChallenge: challenge });
    const response = await exchange(code, {
      client_secret: t.clientSecret,
      code_verifier: "not-the-verifier-not-the-verifier-123456",
    });
    expect(response.status).toBe(403);
    expect(await readJson(response)).toEqual({
      error: "invalid_grant",
      error_description: "Failed to verify code verifier",
    });
  });

  it("refuses a missing verifier when the code was issued with a challenge", async () => {
    const userId = seedUser();
    const t = tenant();
    const code = t.issueAuthorizationCode({ userId, codeChallenge: challenge });
    const response = await exchange(code, { client_secret: t.clientSecret });
    expect(response.status).toBe(403);
    expect((await readJson(response))["error"]).toBe("invalid_grant");
  });

  it("supports the plain method", async () => {
    const userId = seedUser();
    const t = tenant();
    const code = t.issueAuthorizationCode({ userId, codeChallenge: verifier, codeChallengeMethod: "plain" });
    expect((await exchange(code, { client_secret: t.clientSecret, code_verifier: verifier })).status).toBe(200);
  });

  it("lets a public client exchange without a secret, and only with PKCE proof", async () => {
    const userId = seedUser();
    const t = tenant();
    const spa = t.createClient({ appType: "spa", tokenEndpointAuthMethod: "none" });
    const code = t.issueAuthorizationCode({ userId, clientId: spa.clientId, codeChallenge: challenge });
    const response = await fetch(
      `${t.domain}/oauth/token`,
      form({ grant_type: "authorization_code", client_id: spa.clientId, code, code_verifier: verifier }),
    );
    expect(response.status).toBe(200);
  });

  it("requires a confidential client to authenticate", async () => {
    const userId = seedUser();
    const code = tenant().issueAuthorizationCode({ userId, codeChallenge: challenge });
    const response = await exchange(code, { code_verifier: verifier });
    expect(response.status).toBe(401);
  });

  it("spends a code on first use", async () => {
    const userId = seedUser();
    const t = tenant();
    const code = t.issueAuthorizationCode({ userId });
    expect((await exchange(code, { client_secret: t.clientSecret })).status).toBe(200);
    const again = await exchange(code, { client_secret: t.clientSecret });
    expect(again.status).toBe(403);
    expect(await readJson(again)).toEqual({ error: "invalid_grant", error_description: "Invalid authorization code" });
  });

  it("checks the redirect_uri the code was issued for", async () => {
    const userId = seedUser();
    const t = tenant();
    const code = t.issueAuthorizationCode({ userId, redirectUri: "https://app.example/cb" });
    const response = await exchange(code, { client_secret: t.clientSecret, redirect_uri: "https://evil.example/cb" });
    expect(response.status).toBe(403);
  });
});
