import {
  createLocalJWKSet,
  decodeProtectedHeader,
  exportSPKI,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
} from "jose";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clientCredentialsToken, form, readJson, tenantForTest } from "./support.js";

async function fetchJwks(domain: string): Promise<JSONWebKeySet> {
  const body = await readJson(await fetch(`${domain}/.well-known/jwks.json`));
  const keys = body["keys"];
  if (!Array.isArray(keys)) throw new Error("no keys");
  return { keys };
}

describe("discovery and JWKS", () => {
  it("publishes an OpenID configuration whose issuer and endpoints point at the tenant", async () => {
    const tenant = await tenantForTest();
    const response = await fetch(`${tenant.domain}/.well-known/openid-configuration`);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const config = await readJson(response);
    expect(config["issuer"]).toBe(`${tenant.domain}/`);
    expect(config["issuer"]).toBe(tenant.issuer);
    expect(config["token_endpoint"]).toBe(`${tenant.domain}/oauth/token`);
    expect(config["jwks_uri"]).toBe(`${tenant.domain}/.well-known/jwks.json`);
    expect(config["userinfo_endpoint"]).toBe(`${tenant.domain}/userinfo`);
    expect(config["id_token_signing_alg_values_supported"]).toEqual(["RS256"]);
  });

  it("publishes RS256 public keys with a kid", async () => {
    const tenant = await tenantForTest();
    const jwks = await fetchJwks(tenant.domain);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({
      kty: "RSA",
      alg: "RS256",
      use: "sig",
      kid: expect.any(String),
      n: expect.any(String),
      e: "AQAB",
    });
    expect(jwks.keys[0]).not.toHaveProperty("d");
  });

  it("signs with a new key after rotation and keeps the previous one published", async () => {
    const tenant = await tenantForTest();
    const before = await clientCredentialsToken(tenant);
    const oldKid = decodeProtectedHeader(before).kid;
    const newKid = await tenant.rotateSigningKey();
    const after = await clientCredentialsToken(tenant);
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    expect(newKid).not.toBe(oldKid);

    const jwks = createLocalJWKSet(await fetchJwks(tenant.domain));
    await expect(jwtVerify(before, jwks, { issuer: tenant.issuer })).resolves.toBeDefined();
    await expect(jwtVerify(after, jwks, { issuer: tenant.issuer })).resolves.toBeDefined();
  });

  it("drops the previous key when asked, so old tokens stop verifying", async () => {
    const tenant = await tenantForTest();
    const before = await clientCredentialsToken(tenant);
    await tenant.rotateSigningKey({ keepPrevious: false });
    expect((await fetchJwks(tenant.domain)).keys).toHaveLength(1);
    const response = await fetch(`${tenant.managementApiUrl}/users`, {
      headers: { authorization: `Bearer ${before}` },
    });
    expect(response.status).toBe(401);
  });
});

describe("client credentials", () => {
  it("issues an RS256 access token that verifies against the JWKS with the expected claims", async () => {
    const tenant = await tenantForTest();
    const response = await fetch(
      `${tenant.domain}/oauth/token`,
      form({
        grant_type: "client_credentials",
        client_id: tenant.clientId,
        client_secret: tenant.clientSecret,
        audience: tenant.managementAudience,
      }),
    );
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body).toMatchObject({
      token_type: "Bearer",
      expires_in: 86400,
      scope: expect.stringContaining("read:users"),
    });

    const { payload, protectedHeader } = await jwtVerify(
      String(body["access_token"]),
      createLocalJWKSet(await fetchJwks(tenant.domain)),
      {
        issuer: tenant.issuer,
        audience: tenant.managementAudience,
      },
    );
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload.sub).toBe(`${tenant.clientId}@clients`);
    expect(payload["gty"]).toBe("client-credentials");
    expect(payload.exp! - payload.iat!).toBe(86400);
    expect(payload["scope"]).toBe(body["scope"]);
  });

  it("accepts JSON bodies and the https form of the Management API audience", async () => {
    const tenant = await tenantForTest();
    const response = await fetch(`${tenant.domain}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: tenant.clientId,
        client_secret: tenant.clientSecret,
        audience: tenant.managementAudience.replace("http://", "https://"),
      }),
    });
    expect(response.status).toBe(200);
    const token = String((await readJson(response))["access_token"]);
    const users = await fetch(`${tenant.managementApiUrl}/users`, { headers: { authorization: `Bearer ${token}` } });
    expect(users.status).toBe(200);
  });

  it("narrows the token to the requested scopes and refuses scopes outside the grant", async () => {
    const tenant = await tenantForTest();
    const narrow = await fetch(
      `${tenant.domain}/oauth/token`,
      form({
        grant_type: "client_credentials",
        client_id: tenant.clientId,
        client_secret: tenant.clientSecret,
        audience: tenant.managementAudience,
        scope: "read:users read:roles",
      }),
    );
    expect((await readJson(narrow))["scope"]).toBe("read:users read:roles");

    const limited = tenant.createClient({ scopes: ["read:users"] });
    const refused = await fetch(
      `${tenant.domain}/oauth/token`,
      form({
        grant_type: "client_credentials",
        client_id: limited.clientId,
        client_secret: limited.clientSecret,
        audience: tenant.managementAudience,
        scope: "read:users delete:users",
      }),
    );
    expect(refused.status).toBe(403);
    expect(await readJson(refused)).toEqual({
      error: "access_denied",
      error_description: "Client has not been granted scopes: delete:users",
    });
  });

  it("answers Auth0-style errors for a bad secret, a missing audience and an API without a grant", async () => {
    const tenant = await tenantForTest();
    const badSecret = await fetch(
      `${tenant.domain}/oauth/token`,
      form({
        grant_type: "client_credentials",
        client_id: tenant.clientId,
        client_secret: "nope",
        audience: tenant.managementAudience,
      }),
    );
    expect(badSecret.status).toBe(401);
    expect(await readJson(badSecret)).toEqual({ error: "access_denied", error_description: "Unauthorized" });

    const noAudience = await fetch(
      `${tenant.domain}/oauth/token`,
      form({ grant_type: "client_credentials", client_id: tenant.clientId, client_secret: tenant.clientSecret }),
    );
    expect(noAudience.status).toBe(403);
    expect((await readJson(noAudience))["error"]).toBe("access_denied");

    const ungranted = tenant.createClient();
    const noGrant = await fetch(
      `${tenant.domain}/oauth/token`,
      form({
        grant_type: "client_credentials",
        client_id: ungranted.clientId,
        client_secret: ungranted.clientSecret,
        audience: tenant.managementAudience,
      }),
    );
    expect(noGrant.status).toBe(403);
    expect(String((await readJson(noGrant))["error_description"])).toContain("Client is not authorized to access");

    const unsupported = await fetch(
      `${tenant.domain}/oauth/token`,
      form({ grant_type: "magic", client_id: tenant.clientId }),
    );
    expect(unsupported.status).toBe(400);
    expect((await readJson(unsupported))["error"]).toBe("unsupported_grant_type");
  });

  it("authenticates a client with a private_key_jwt assertion and refuses a replayed one", async () => {
    const tenant = await tenantForTest();
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const client = tenant.createClient({ scopes: ["read:users"], publicKeyPem: await exportSPKI(publicKey) });
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(client.clientId)
      .setSubject(client.clientId)
      .setAudience(`${tenant.domain}/`)
      .setIssuedAt()
      .setExpirationTime("2m")
      .setJti(randomUUID())
      .sign(privateKey);
    const request = () =>
      fetch(
        `${tenant.domain}/oauth/token`,
        form({
          grant_type: "client_credentials",
          client_id: client.clientId,
          client_assertion: assertion,
          client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
          audience: tenant.managementAudience,
        }),
      );
    const first = await request();
    expect(first.status).toBe(200);
    expect((await readJson(first))["scope"]).toBe("read:users");

    const replay = await request();
    expect(replay.status).toBe(401);
    expect((await readJson(replay))["error"]).toBe("invalid_client");
  });

  it("refuses an assertion signed with a key the client did not register", async () => {
    const tenant = await tenantForTest();
    const registered = await generateKeyPair("RS256", { extractable: true });
    const other = await generateKeyPair("RS256");
    const client = tenant.createClient({
      scopes: ["read:users"],
      publicKeyPem: await exportSPKI(registered.publicKey),
    });
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(client.clientId)
      .setSubject(client.clientId)
      .setAudience(`${tenant.domain}/`)
      .setIssuedAt()
      .setExpirationTime("2m")
      .setJti(randomUUID())
      .sign(other.privateKey);
    const response = await fetch(
      `${tenant.domain}/oauth/token`,
      form({
        grant_type: "client_credentials",
        client_assertion: assertion,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        audience: tenant.managementAudience,
      }),
    );
    expect(response.status).toBe(401);
    expect((await readJson(response))["error"]).toBe("invalid_client");
  });

  it("counts token requests in the stats", async () => {
    const tenant = await tenantForTest();
    await clientCredentialsToken(tenant);
    await clientCredentialsToken(tenant);
    expect(tenant.stats().tokenRequests).toBe(2);
  });
});
