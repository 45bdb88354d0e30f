import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors.js";
import { authClient, intercept, rejectionOf } from "./support.js";
import { nowSeconds, rsaKey, serveJwks, signRs256, validClaims, type TenantKey } from "./id-tokens.js";

afterEach(() => nock.cleanAll());

let tenantKey: TenantKey;
beforeAll(async () => {
  tenantKey = await rsaKey("tenant-key");
});

const DAY = 86_400;

/** What a caller might pass where a number of seconds or a non-empty string belongs (JSON config, env vars, bugs). */
const NOT_SECONDS: unknown[] = ["300", Number.NaN, Number.POSITIVE_INFINITY, -1, null, {}, true];
const NOT_A_STRING: unknown[] = ["", 42, null, {}, ["n"]];

describe(`"Bad input is refused before any request is sent": ID-token options`, () => {
  it.each(NOT_SECONDS)("refuses maxAge %s, so a day-old authentication is never accepted (max_age fails closed)", async (maxAge) => {
    const jwks = serveJwks(() => [tenantKey]);
    const idToken = await signRs256(validClaims({ auth_time: nowSeconds() - DAY }), tenantKey);
    const { seen } = intercept("POST", "/oauth/token", { body: { access_token: "at", id_token: idToken } });
    const options = { idTokenValidateOptions: { maxAge } } as unknown as Parameters<ReturnType<typeof authClient>["oauth"]["authorizationCodeGrant"]>[1];

    const error = await rejectionOf(authClient().oauth.authorizationCodeGrant({ code: "c" }, options));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe("idTokenValidateOptions.maxAge");
    expect(seen).toHaveLength(0);
    expect(jwks.count()).toBe(0);
  });

  it.each(NOT_SECONDS)("refuses maxAge %s given to idTokenValidator.validate, before fetching keys", async (maxAge) => {
    const jwks = serveJwks(() => [tenantKey]);
    const idToken = await signRs256(validClaims({ auth_time: nowSeconds() - DAY }), tenantKey);
    const error = await rejectionOf(authClient().oauth.idTokenValidator.validate(idToken, { maxAge } as { maxAge: number }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(jwks.count()).toBe(0);
  });

  it.each(NOT_A_STRING)("refuses nonce %j, before any request", async (nonce) => {
    const { seen } = intercept("POST", "/oauth/token", { body: { access_token: "at" } });
    const options = { idTokenValidateOptions: { nonce } } as unknown as Parameters<ReturnType<typeof authClient>["oauth"]["authorizationCodeGrant"]>[1];
    const error = await rejectionOf(authClient().oauth.authorizationCodeGrant({ code: "c" }, options));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe("idTokenValidateOptions.nonce");
    expect(seen).toHaveLength(0);
  });

  it.each(NOT_A_STRING)("refuses organization %j, before any request", async (organization) => {
    const { seen } = intercept("POST", "/oauth/token", { body: { access_token: "at" } });
    const options = { idTokenValidateOptions: { organization } } as unknown as Parameters<ReturnType<typeof authClient>["oauth"]["passwordGrant"]>[1];
    const error = await rejectionOf(authClient().oauth.passwordGrant({ username: "u", password: "p" }, options));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe("idTokenValidateOptions.organization");
    expect(seen).toHaveLength(0);
  });

  it("refuses idTokenValidateOptions that is not an object", async () => {
    const { seen } = intercept("POST", "/oauth/token", { body: { access_token: "at" } });
    const options = { idTokenValidateOptions: "nonce" } as unknown as Parameters<ReturnType<typeof authClient>["oauth"]["authorizationCodeGrant"]>[1];
    await expect(authClient().oauth.authorizationCodeGrant({ code: "c" }, options)).rejects.toBeInstanceOf(InvalidInputError);
    expect(seen).toHaveLength(0);
  });

  it.each(NOT_SECONDS)("refuses clockTolerance %s when the client is constructed", (clockTolerance) => {
    expect(() => authClient({ clockTolerance } as { clockTolerance: number })).toThrow(InvalidInputError);
  });

  it("still accepts well-formed options: maxAge 0 and a recent auth_time, a nonce and an organization", async () => {
    serveJwks(() => [tenantKey]);
    const idToken = await signRs256(validClaims({ auth_time: nowSeconds(), nonce: "n", org_id: "org_1" }), tenantKey);
    intercept("POST", "/oauth/token", { body: { access_token: "at", id_token: idToken } });
    const options = { idTokenValidateOptions: { maxAge: 0, nonce: "n", organization: "org_1" } };
    expect(() => authClient({ clockTolerance: 0 })).not.toThrow();
    await expect(authClient().oauth.authorizationCodeGrant({ code: "c" }, options)).resolves.toMatchObject({ data: { id_token: idToken } });
  });
});
