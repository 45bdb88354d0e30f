import { exportPKCS8, generateKeyPair, jwtVerify, type CryptoKey } from "jose";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors.js";
import { MTLS_ORIGIN, ORIGIN, authClient, form, formKeys, intercept, rejectionOf } from "./support.js";

afterEach(() => nock.cleanAll());

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const keys: Record<string, { pem: string; publicKey: CryptoKey }> = {};

beforeAll(async () => {
  for (const alg of ["RS256", "PS256", "ES256"]) {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    keys[alg] = { pem: await exportPKCS8(privateKey), publicKey };
  }
});

describe("client_secret_post", () => {
  it("appends the client secret after the caller's fields", async () => {
    const { seen } = intercept("POST", "/oauth/token", { body: {} });
    await authClient().oauth.clientCredentialsGrant({ audience: "a" });
    expect(form(seen[0]!.body).client_secret).toBe("client-secret-value");
  });

  it("refuses, before any request, a call that needs client authentication when there is none", async () => {
    const scope = nock(ORIGIN).post("/oauth/token").reply(200, {});
    const error = await rejectionOf(authClient({ clientSecret: undefined }).oauth.clientCredentialsGrant({ audience: "a" }));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("The client_secret or client_assertion field is required, or it should be mTLS request.");
    expect(scope.isDone()).toBe(false);
  });

  it("treats a blank client_secret given by the caller as missing", async () => {
    const error = await rejectionOf(authClient({ clientSecret: undefined }).oauth.refreshTokenGrant({ refresh_token: "r", client_secret: "  " }));
    expect((error as Error).message).toMatch(/client_secret or client_assertion field is required/);
  });
});

describe("private_key_jwt (RFC 7523)", () => {
  it.each(["RS256", "PS256", "ES256"])("signs a %s assertion: iss = sub = client id, aud = the tenant, random jti, two minutes", async (alg) => {
    const { seen } = intercept("POST", "/oauth/token", { body: {}, times: 2 });
    const client = authClient({ clientSecret: "ignored-when-a-key-is-set", clientAssertionSigningKey: keys[alg]!.pem, clientAssertionSigningAlg: alg });
    await client.oauth.clientCredentialsGrant({ audience: "https://api" });
    await client.oauth.clientCredentialsGrant({ audience: "https://api" });

    const body = form(seen[0]!.body);
    expect(formKeys(seen[0]!.body)).toEqual(["client_id", "audience", "client_assertion", "client_assertion_type", "grant_type"]);
    expect(body.client_assertion_type).toBe(ASSERTION_TYPE);
    expect(body.client_secret).toBeUndefined();
    const { payload, protectedHeader } = await jwtVerify(body.client_assertion!, keys[alg]!.publicKey, {
      issuer: "client-id",
      subject: "client-id",
      audience: `${ORIGIN}/`,
      algorithms: [alg],
    });
    expect(protectedHeader.alg).toBe(alg);
    expect(payload.exp! - payload.iat!).toBe(120);
    expect(typeof payload.jti).toBe("string");
    expect(form(seen[1]!.body).client_assertion).not.toBe(body.client_assertion);
    const second = await jwtVerify(form(seen[1]!.body).client_assertion!, keys[alg]!.publicKey);
    expect(second.payload.jti).not.toBe(payload.jti);
  });

  it("signs RS256 by default", async () => {
    const { seen } = intercept("POST", "/oauth/token", { body: {} });
    await authClient({ clientAssertionSigningKey: keys.RS256!.pem }).oauth.clientCredentialsGrant({ audience: "a" });
    await expect(jwtVerify(form(seen[0]!.body).client_assertion!, keys.RS256!.publicKey, { algorithms: ["RS256"] })).resolves.toBeTruthy();
  });

  it("uses a client_id the caller gives as issuer and subject", async () => {
    const { seen } = intercept("POST", "/oauth/token", { body: {} });
    await authClient({ clientAssertionSigningKey: keys.RS256!.pem }).oauth.clientCredentialsGrant({ audience: "a", client_id: "other-client" });
    const { payload } = await jwtVerify(form(seen[0]!.body).client_assertion!, keys.RS256!.publicKey);
    expect(payload).toMatchObject({ iss: "other-client", sub: "other-client" });
  });

  it("keeps an assertion the caller brings", async () => {
    const { seen } = intercept("POST", "/oauth/token", { body: {} });
    await authClient({ clientAssertionSigningKey: keys.RS256!.pem }).oauth.clientCredentialsGrant({
      audience: "a",
      client_assertion: "caller.made.jwt",
      client_assertion_type: ASSERTION_TYPE,
    });
    expect(form(seen[0]!.body).client_assertion).toBe("caller.made.jwt");
  });

  it("addresses the assertion to the mTLS host for oauth.* and to the tenant for the other groups", async () => {
    const token = intercept("POST", "/oauth/token", { body: {} }, MTLS_ORIGIN);
    const start = intercept("POST", "/passwordless/start", { body: "" });
    const client = authClient({ clientAssertionSigningKey: keys.ES256!.pem, clientAssertionSigningAlg: "ES256", useMTLS: true });
    await client.oauth.clientCredentialsGrant({ audience: "a" });
    await client.passwordless.sendSMS({ phone_number: "+1" });
    await expect(jwtVerify(form(token.seen[0]!.body).client_assertion!, keys.ES256!.publicKey, { audience: `${MTLS_ORIGIN}/` })).resolves.toBeTruthy();
    const assertion = (JSON.parse(start.seen[0]!.body) as { client_assertion: string }).client_assertion;
    await expect(jwtVerify(assertion, keys.ES256!.publicKey, { audience: `${ORIGIN}/` })).resolves.toBeTruthy();
  });

  it("rejects a key that is not a PKCS#8 PEM usable with the algorithm, before any request", async () => {
    const error = await rejectionOf(authClient({ clientAssertionSigningKey: "not a key" }).oauth.clientCredentialsGrant({ audience: "a" }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe("clientAssertionSigningKey");
  });
});
