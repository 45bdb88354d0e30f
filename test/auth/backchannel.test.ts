import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { AuthApiError } from "../../src/auth/errors.js";
import { CLIENT_SECRET, ORIGIN, authClient, form, formKeys, intercept, rejectionOf } from "./support.js";

afterEach(() => nock.cleanAll());

describe("backchannel.authorize (POST /bc-authorize, form-encoded)", () => {
  it("sends the options except userId, the login_hint, client_id, then the secret, and resolves to the body alone", async () => {
    const { seen } = intercept("POST", "/bc-authorize", { body: { auth_req_id: "req-1", expires_in: 300, interval: 5 } });
    const result = await authClient().backchannel.authorize({ userId: "auth0|42", binding_message: "123", scope: "openid" });
    expect(seen[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(formKeys(seen[0]!.body)).toEqual(["binding_message", "scope", "login_hint", "client_id", "client_secret"]);
    expect(JSON.parse(form(seen[0]!.body).login_hint!)).toEqual({ format: "iss_sub", iss: `${ORIGIN}/`, sub: "auth0|42" });
    expect(result).toEqual({ auth_req_id: "req-1", expires_in: 300, interval: 5 });
  });

  it("copies the deprecated request_expiry into requested_expiry after client_id, and passes it through too", async () => {
    const { seen } = intercept("POST", "/bc-authorize", { body: { auth_req_id: "r", expires_in: 1, interval: 1 } });
    await authClient().backchannel.authorize({ userId: "u", binding_message: "m", scope: "openid", request_expiry: "120" });
    expect(formKeys(seen[0]!.body)).toEqual(["binding_message", "scope", "request_expiry", "login_hint", "client_id", "requested_expiry", "client_secret"]);
    expect(form(seen[0]!.body).requested_expiry).toBe("120");
  });

  it("keeps a requested_expiry the caller gave where the caller put it", async () => {
    const { seen } = intercept("POST", "/bc-authorize", { body: { auth_req_id: "r", expires_in: 1, interval: 1 } });
    await authClient().backchannel.authorize({ userId: "u", binding_message: "m", requested_expiry: "60", scope: "openid" });
    expect(formKeys(seen[0]!.body)).toEqual(["binding_message", "requested_expiry", "scope", "login_hint", "client_id", "client_secret"]);
  });
});

describe("backchannel.backchannelGrant (POST /oauth/token, form-encoded)", () => {
  it("sends client_id, auth_req_id, the CIBA grant type, then the secret, and resolves to the body alone", async () => {
    const tokens = { access_token: "at", expires_in: 60, scope: "openid" };
    const { seen } = intercept("POST", "/oauth/token", { body: tokens });
    const result = await authClient().backchannel.backchannelGrant({ auth_req_id: "req-1" });
    expect(formKeys(seen[0]!.body)).toEqual(["client_id", "auth_req_id", "grant_type", "client_secret"]);
    expect(form(seen[0]!.body)).toEqual({ client_id: "client-id", auth_req_id: "req-1", grant_type: "urn:openid:params:grant-type:ciba", client_secret: CLIENT_SECRET });
    // An id_token would be validated (v5 does not): see "ID tokens in grant responses" in id-token.test.ts.
    expect(result).toEqual(tokens);
  });

  it("surfaces authorization_pending as an AuthApiError", async () => {
    intercept("POST", "/oauth/token", { status: 400, body: { error: "authorization_pending", error_description: "The end-user authorization is pending" } });
    const error = await rejectionOf(authClient().backchannel.backchannelGrant({ auth_req_id: "r" }));
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ error: "authorization_pending", statusCode: 400, message: "The end-user authorization is pending" });
  });
});
