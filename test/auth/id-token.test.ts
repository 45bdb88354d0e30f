import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { IdTokenValidatorError } from "../../src/auth/errors.js";
import { CLIENT_ID, CLIENT_SECRET, ORIGIN, authClient, intercept, rejectionOf } from "./support.js";
import { nowSeconds, rsaKey, serveJwks, signHs256, signRs256, unsigned, validClaims, withPayload, type TenantKey } from "./id-tokens.js";

afterEach(() => nock.cleanAll());

let tenantKey: TenantKey;
let otherKey: TenantKey;
beforeAll(async () => {
  tenantKey = await rsaKey("tenant-key");
  otherKey = await rsaKey("other-key");
});

/** Validate `token` with a client whose tenant publishes `keys`. */
async function validate(token: string, options: Parameters<ReturnType<typeof authClient>["oauth"]["idTokenValidator"]["validate"]>[1] = {}, keys = [tenantKey]) {
  serveJwks(() => keys);
  return authClient().oauth.idTokenValidator.validate(token, options);
}

async function failure(token: Promise<string> | string, options = {}, keys?: TenantKey[]): Promise<IdTokenValidatorError> {
  const error = await rejectionOf(validate(await token, options, keys));
  expect(error).toBeInstanceOf(IdTokenValidatorError);
  return error as IdTokenValidatorError;
}

describe(`"ID tokens are verified with the configured algorithm only, never none, with every claim checked by value": OpenID RP conformance cases`, () => {
  it("accepts a valid RS256 token signed by the tenant's key", async () => {
    await expect(validate(await signRs256(validClaims(), tenantKey))).resolves.toBeUndefined();
  });

  it("rejects a token from another issuer", async () => {
    const error = await failure(signRs256(validClaims({ iss: "https://evil.example.com/" }), tenantKey));
    expect(error.message).toBe(`Issuer (iss) claim mismatch in the ID token; expected "${ORIGIN}/", found "https://evil.example.com/"`);
  });

  it("rejects a token for another audience", async () => {
    expect((await failure(signRs256(validClaims({ aud: "someone-else" }), tenantKey))).message).toMatch(/Audience \(aud\) claim mismatch/);
    expect((await failure(signRs256(validClaims({ aud: ["a", "b"] }), tenantKey))).message).toMatch(/was not one of "a, b"/);
  });

  it("requires azp when there are several audiences, and azp must be the client id", async () => {
    const several = validClaims({ aud: [CLIENT_ID, "https://api"] });
    expect((await failure(signRs256(several, tenantKey))).message).toMatch(/Authorized Party \(azp\) claim must be a string/);
    expect((await failure(signRs256({ ...several, azp: "another-client" }, tenantKey))).message).toMatch(/Authorized Party \(azp\) claim mismatch/);
    await expect(validate(await signRs256({ ...several, azp: CLIENT_ID }, tenantKey))).resolves.toBeUndefined();
  });

  it("rejects an azp that is not the client id even with a single audience", async () => {
    expect((await failure(signRs256(validClaims({ azp: "another-client" }), tenantKey))).message).toMatch(/azp\) claim mismatch/);
  });

  it("requires sub and iat", async () => {
    expect((await failure(signRs256(validClaims({ sub: undefined }), tenantKey))).message).toBe("Subject (sub) claim must be a string present in the ID token");
    expect((await failure(signRs256(validClaims({ iat: undefined }), tenantKey))).message).toBe("Issued At (iat) claim must be a number present in the ID token");
  });

  it("rejects an expired token, allowing the clock tolerance (60 s by default)", async () => {
    const now = nowSeconds();
    expect((await failure(signRs256(validClaims({ iat: now - 600, exp: now - 120 }), tenantKey))).message).toMatch(/Expiration Time \(exp\) claim error/);
    await expect(validate(await signRs256(validClaims({ iat: now - 600, exp: now - 30 }), tenantKey))).resolves.toBeUndefined();
  });

  it("rejects a token issued in the future beyond the tolerance", async () => {
    const now = nowSeconds();
    expect((await failure(signRs256(validClaims({ iat: now + 300 }), tenantKey))).message).toMatch(/Issued At \(iat\) claim error/);
    await expect(validate(await signRs256(validClaims({ iat: now + 30 }), tenantKey))).resolves.toBeUndefined();
  });

  it("rejects a token that is not valid yet (nbf)", async () => {
    expect((await failure(signRs256(validClaims({ nbf: nowSeconds() + 300 }), tenantKey))).message).toMatch(/Not Before \(nbf\) claim error/);
  });

  it("checks the nonce: wrong, missing when expected, and present when none was sent", async () => {
    expect((await failure(signRs256(validClaims({ nonce: "n-2" }), tenantKey), { nonce: "n-1" })).message).toBe(
      'Nonce (nonce) claim mismatch in the ID token; expected "n-1", found "n-2"',
    );
    expect((await failure(signRs256(validClaims(), tenantKey), { nonce: "n-1" })).message).toBe("Nonce (nonce) claim must be a string present in the ID token");
    expect((await failure(signRs256(validClaims({ nonce: "n-1" }), tenantKey))).message).toMatch(/Nonce \(nonce\) claim mismatch/);
    await expect(validate(await signRs256(validClaims({ nonce: "n-1" }), tenantKey), { nonce: "n-1" })).resolves.toBeUndefined();
  });

  it("checks max_age against auth_time, which must then be present", async () => {
    const now = nowSeconds();
    expect((await failure(signRs256(validClaims(), tenantKey), { maxAge: 300 })).message).toMatch(/Authentication Time \(auth_time\) claim must be a number/);
    expect((await failure(signRs256(validClaims({ auth_time: now - 1000 }), tenantKey), { maxAge: 300 })).message).toMatch(/too much time has passed/);
    await expect(validate(await signRs256(validClaims({ auth_time: now - 100 }), tenantKey), { maxAge: 300 })).resolves.toBeUndefined();
  });

  it("rejects a tampered payload (the signature no longer matches)", async () => {
    const token = await signRs256(validClaims(), tenantKey);
    expect((await failure(withPayload(token, validClaims({ sub: "auth0|admin" })))).message).toBe("Invalid ID token signature");
  });

  it("rejects a well-formed token signed by a key that is not the tenant's", async () => {
    // Same key id as the tenant's key: only the signature can tell.
    expect((await failure(signRs256(validClaims(), otherKey, tenantKey.kid))).message).toBe("Invalid ID token signature");
    // Its own key id: not in the tenant's key set.
    expect((await failure(signRs256(validClaims(), otherKey))).message).toMatch(/No key with id \(kid\) "other-key"/);
  });

  it('rejects alg "none"', async () => {
    expect((await failure(unsigned(validClaims()))).message).toBe(
      'Signature algorithm of "none" is not supported. Expected the ID token to be signed with "RS256".',
    );
  });

  it("rejects an HS256 token when RS256 is configured (no key confusion)", async () => {
    expect((await failure(signHs256(validClaims(), CLIENT_SECRET))).message).toMatch(/Signature algorithm of "HS256" is not supported/);
  });

  it("validates HS256 with the client secret when HS256 is configured, and only HS256", async () => {
    const client = authClient({ idTokenSigningAlg: "HS256" });
    await expect(client.oauth.idTokenValidator.validate(await signHs256(validClaims(), CLIENT_SECRET))).resolves.toBeUndefined();
    await expect(client.oauth.idTokenValidator.validate(await signHs256(validClaims(), "another-secret"))).rejects.toThrow("Invalid ID token signature");
    await expect(client.oauth.idTokenValidator.validate(await signRs256(validClaims(), tenantKey))).rejects.toThrow(/"RS256" is not supported/);
  });

  it("refuses HS256 validation without a client secret", async () => {
    const client = authClient({ idTokenSigningAlg: "HS256", clientSecret: undefined });
    await expect(client.oauth.idTokenValidator.validate(await signHs256(validClaims(), "x"))).rejects.toThrow(/configure clientSecret/);
  });

  it("accepts a token without kid when the tenant has exactly one key", async () => {
    await expect(validate(await signRs256(validClaims(), tenantKey, null))).resolves.toBeUndefined();
  });

  it("rejects a token without kid when the tenant has several keys (OIDC Core 10.1: the kid is required then)", async () => {
    const error = await failure(signRs256(validClaims(), tenantKey, null), {}, [tenantKey, otherKey]);
    expect(error.message).toMatch(/has no key id \(kid\) and the tenant's JSON Web Key Set has 2 keys/);
  });

  it("compares the organization id by value", async () => {
    const token = await signRs256(validClaims({ org_id: "org_other" }), tenantKey);
    expect((await failure(token, { organization: "org_mine" })).message).toBe(
      'Organization Id (org_id) claim value mismatch in the ID token; expected "org_mine", found "org_other"',
    );
    expect((await failure(signRs256(validClaims(), tenantKey), { organization: "org_mine" })).message).toMatch(/org_id\) claim must be a string/);
    await expect(validate(await signRs256(validClaims({ org_id: "org_mine" }), tenantKey), { organization: "org_mine" })).resolves.toBeUndefined();
  });

  it("compares the organization name by value, ignoring case", async () => {
    expect((await failure(signRs256(validClaims({ org_name: "other" }), tenantKey), { organization: "acme" })).message).toMatch(
      /Organization Name \(org_name\) claim value mismatch/,
    );
    await expect(validate(await signRs256(validClaims({ org_name: "acme" }), tenantKey), { organization: "ACME" })).resolves.toBeUndefined();
  });

  it("rejects what is not a JWT", async () => {
    expect((await failure("not-a-jwt")).message).toBe("The ID token is not a well-formed JWT");
  });
});

describe("ID tokens in grant responses", () => {
  it("validates an id_token before resolving, with the call's nonce, max_age and organization", async () => {
    serveJwks(() => [tenantKey]);
    const idToken = await signRs256(validClaims({ nonce: "n", org_id: "org_1", auth_time: nowSeconds() }), tenantKey);
    intercept("POST", "/oauth/token", { body: { access_token: "at", id_token: idToken }, times: 2 });
    const client = authClient();
    const options = { idTokenValidateOptions: { nonce: "n", maxAge: 60, organization: "org_1" } };
    await expect(client.oauth.authorizationCodeGrant({ code: "c" }, options)).resolves.toMatchObject({ data: { id_token: idToken } });
    const wrong = { idTokenValidateOptions: { nonce: "other" } };
    await expect(client.oauth.authorizationCodeGrant({ code: "c" }, wrong)).rejects.toBeInstanceOf(IdTokenValidatorError);
  });

  it.each([
    ["oauth.passwordGrant", (c: ReturnType<typeof authClient>) => c.oauth.passwordGrant({ username: "u", password: "p" })],
    ["oauth.refreshTokenGrant", (c: ReturnType<typeof authClient>) => c.oauth.refreshTokenGrant({ refresh_token: "r" })],
    ["oauth.clientCredentialsGrant", (c: ReturnType<typeof authClient>) => c.oauth.clientCredentialsGrant({ audience: "a" })],
    ["oauth.authorizationCodeGrantWithPKCE", (c: ReturnType<typeof authClient>) => c.oauth.authorizationCodeGrantWithPKCE({ code: "c", code_verifier: "v" })],
    ["passwordless.loginWithEmail", (c: ReturnType<typeof authClient>) => c.passwordless.loginWithEmail({ email: "e", code: "1" })],
    ["passwordless.loginWithSMS", (c: ReturnType<typeof authClient>) => c.passwordless.loginWithSMS({ phone_number: "p", code: "1" })],
  ])("%s rejects a response whose id_token is invalid", async (_name, call) => {
    serveJwks(() => [tenantKey]);
    intercept("POST", "/oauth/token", { body: { access_token: "at", id_token: await signRs256(validClaims({ aud: "nope" }), tenantKey) } });
    await expect(call(authClient())).rejects.toBeInstanceOf(IdTokenValidatorError);
  });

  it("passes the organization option of passwordGrant to the validation", async () => {
    serveJwks(() => [tenantKey]);
    intercept("POST", "/oauth/token", { body: { access_token: "at", id_token: await signRs256(validClaims({ org_name: "acme" }), tenantKey) } });
    const error = await rejectionOf(authClient().oauth.passwordGrant({ username: "u", password: "p" }, { idTokenValidateOptions: { organization: "globex" } }));
    expect((error as Error).message).toMatch(/org_name\) claim value mismatch/);
  });

  it("does not fetch keys or validate when the response has no id_token", async () => {
    const jwks = serveJwks(() => [tenantKey]);
    intercept("POST", "/oauth/token", { body: { access_token: "at" }, times: 3 });
    const client = authClient();
    await client.oauth.refreshTokenGrant({ refresh_token: "r" });
    await client.backchannel.backchannelGrant({ auth_req_id: "r" });
    await client.tokenExchange.exchangeToken({ subject_token_type: "t", subject_token: "s", audience: "a" });
    expect(jwks.count()).toBe(0);
  });

  it.each([
    ["backchannel.backchannelGrant (CIBA)", (c: ReturnType<typeof authClient>) => c.backchannel.backchannelGrant({ auth_req_id: "r" })],
    ["tokenExchange.exchangeToken", (c: ReturnType<typeof authClient>) => c.tokenExchange.exchangeToken({ subject_token_type: "t", subject_token: "s", audience: "a" })],
  ])(`%s: "Every grant that returns an ID token validates it" (alg none, another audience and a foreign key are refused)`, async (_name, call) => {
    serveJwks(() => [tenantKey]);
    const client = authClient();
    for (const idToken of [unsigned(validClaims()), await signRs256(validClaims({ aud: "nope" }), tenantKey), await signRs256(validClaims(), otherKey)]) {
      intercept("POST", "/oauth/token", { body: { access_token: "at", id_token: idToken, expires_in: 60, scope: "openid" } });
      await expect(call(client)).rejects.toBeInstanceOf(IdTokenValidatorError);
    }
    const valid = await signRs256(validClaims(), tenantKey);
    intercept("POST", "/oauth/token", { body: { access_token: "at", id_token: valid, expires_in: 60, scope: "openid" } });
    await expect(call(client)).resolves.toMatchObject({ id_token: valid });
  });
});
