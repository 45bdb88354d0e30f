import nock from "nock";
import { describe, expect, it } from "vitest";
import { JSONApiResponse, VoidApiResponse } from "../../src/auth/api-response.js";
import { RequiredError } from "../../src/auth/errors.js";
import { CLIENT_SECRET, MTLS_ORIGIN, authClient, form, formKeys, intercept, jsonKeys, rejectionOf, overEachTransport } from "./support.js";

// Every case runs over the default transport and over auth0/plugins/undici, with the same expectations.
overEachTransport(() => {
  const TOKENS = { access_token: "at", token_type: "Bearer", expires_in: 86400 };

  describe("oauth token grants (POST /oauth/token, form-encoded)", () => {
    it("authorizationCodeGrant sends client_id, the caller's fields in order, the secret, then grant_type", async () => {
      const { seen, scope } = intercept("POST", "/oauth/token", { body: TOKENS });
      const response = await authClient().oauth.authorizationCodeGrant({ code: "the-code", redirect_uri: "https://app/cb", custom: "x" });
      scope.done();
      const [request] = seen;
      expect(request!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(formKeys(request!.body)).toEqual(["client_id", "code", "redirect_uri", "custom", "client_secret", "grant_type"]);
      expect(form(request!.body)).toMatchObject({ client_id: "client-id", code: "the-code", client_secret: CLIENT_SECRET, grant_type: "authorization_code" });
      expect(response).toBeInstanceOf(JSONApiResponse);
      expect(response).toMatchObject({ data: TOKENS, status: 200, statusText: "OK" });
      expect(response.headers).toBeInstanceOf(Headers);
    });

    it("authorizationCodeGrantWithPKCE requires code and code_verifier and still authenticates the client", async () => {
      const { seen } = intercept("POST", "/oauth/token", { body: TOKENS });
      await authClient().oauth.authorizationCodeGrantWithPKCE({ code: "c", code_verifier: "v" });
      expect(formKeys(seen[0]!.body)).toEqual(["client_id", "code", "code_verifier", "client_secret", "grant_type"]);
      expect(form(seen[0]!.body).grant_type).toBe("authorization_code");
      const error = await rejectionOf(authClient().oauth.authorizationCodeGrantWithPKCE({ code: "c" } as never));
      expect(error).toBeInstanceOf(RequiredError);
      expect(error).toMatchObject({ field: "code_verifier", message: "Required parameter requestParameters.code_verifier was null or undefined." });
    });

    it("clientCredentialsGrant sends audience and organization with grant_type client_credentials", async () => {
      const { seen } = intercept("POST", "/oauth/token", { body: TOKENS });
      await authClient().oauth.clientCredentialsGrant({ audience: "https://api", organization: "org_1" });
      expect(formKeys(seen[0]!.body)).toEqual(["client_id", "audience", "organization", "client_secret", "grant_type"]);
      expect(form(seen[0]!.body).grant_type).toBe("client_credentials");
    });

    it("passwordGrant uses grant_type password, or password-realm when a realm is given", async () => {
      const { seen } = intercept("POST", "/oauth/token", { body: TOKENS, times: 2 });
      const client = authClient();
      await client.oauth.passwordGrant({ username: "u", password: "p", scope: "openid" });
      await client.oauth.passwordGrant({ username: "u", password: "p", realm: "Username-Password-Authentication" });
      expect(formKeys(seen[0]!.body)).toEqual(["client_id", "username", "password", "scope", "client_secret", "grant_type"]);
      expect(form(seen[0]!.body).grant_type).toBe("password");
      expect(form(seen[1]!.body).grant_type).toBe("http://auth0.com/oauth/grant-type/password-realm");
    });

    it("refreshTokenGrant sends refresh_token with grant_type refresh_token", async () => {
      const { seen } = intercept("POST", "/oauth/token", { body: TOKENS });
      await authClient().oauth.refreshTokenGrant({ refresh_token: "rt", scope: "openid" });
      expect(formKeys(seen[0]!.body)).toEqual(["client_id", "refresh_token", "scope", "client_secret", "grant_type"]);
      expect(form(seen[0]!.body)).toMatchObject({ refresh_token: "rt", grant_type: "refresh_token" });
    });

    it("a caller's client_id replaces the client's in place, and a caller's client_secret is kept", async () => {
      const { seen } = intercept("POST", "/oauth/token", { body: TOKENS });
      await authClient().oauth.refreshTokenGrant({ refresh_token: "rt", client_id: "other", client_secret: "other-secret" });
      expect(formKeys(seen[0]!.body)).toEqual(["client_id", "refresh_token", "client_secret", "grant_type"]);
      expect(form(seen[0]!.body)).toMatchObject({ client_id: "other", client_secret: "other-secret" });
    });

    it("does not change the caller's parameters object (v5 added the client secret to it)", async () => {
      intercept("POST", "/oauth/token", { body: TOKENS });
      const parameters = { refresh_token: "rt" };
      await authClient().oauth.refreshTokenGrant(parameters);
      expect(parameters).toEqual({ refresh_token: "rt" });
    });

    it("tokenForConnection sends no client_id: subject_token_type (defaulted), the fields, grant and requested token types, then the secret", async () => {
      const { seen } = intercept("POST", "/oauth/token", { body: { access_token: "x", expires_at: 1, connection: "google-oauth2" } });
      const response = await authClient().oauth.tokenForConnection({ subject_token: "rt", connection: "google-oauth2", login_hint: "me" });
      expect(formKeys(seen[0]!.body)).toEqual([
        "subject_token_type",
        "subject_token",
        "connection",
        "login_hint",
        "grant_type",
        "requested_token_type",
        "client_secret",
      ]);
      expect(form(seen[0]!.body)).toMatchObject({
        subject_token_type: "urn:ietf:params:oauth:token-type:refresh_token",
        grant_type: "urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token",
        requested_token_type: "http://auth0.com/oauth/token-type/federated-connection-access-token",
      });
      expect(response.data).toMatchObject({ connection: "google-oauth2" });
    });

    it.each([
      ["authorizationCodeGrant", {}, "code"],
      ["clientCredentialsGrant", {}, "audience"],
      ["passwordGrant", { username: "u" }, "password"],
      ["refreshTokenGrant", { refresh_token: null }, "refresh_token"],
      ["revokeRefreshToken", {}, "token"],
      ["tokenForConnection", { subject_token: "s" }, "connection"],
      ["pushedAuthorization", { response_type: "code", redirect_uri: "r" }, "client_id"],
    ])("%s rejects with RequiredError naming %s before any request", async (method, parameters, field) => {
      const scope = nock(/.*/).post(/.*/).reply(200, {});
      const oauth = authClient().oauth as unknown as Record<string, (parameters: unknown) => Promise<unknown>>;
      const error = await rejectionOf(oauth[method]!(parameters));
      expect(error).toBeInstanceOf(RequiredError);
      expect((error as RequiredError).field).toBe(field);
      expect(scope.isDone()).toBe(false);
    });
  });

  describe("oauth.pushedAuthorization (POST /oauth/par)", () => {
    it("sends client_id, the request, and client authentication, form-encoded", async () => {
      const { seen } = intercept("POST", "/oauth/par", { status: 201, body: { request_uri: "urn:par:1", expires_in: 30 } });
      const response = await authClient().oauth.pushedAuthorization({
        client_id: "client-id",
        response_type: "code",
        redirect_uri: "https://app/cb",
        state: "s",
        authorization_details: JSON.stringify([{ type: "payment" }]),
      });
      expect(formKeys(seen[0]!.body)).toEqual(["client_id", "response_type", "redirect_uri", "state", "authorization_details", "client_secret"]);
      expect(form(seen[0]!.body).authorization_details).toBe('[{"type":"payment"}]');
      expect(response).toMatchObject({ data: { request_uri: "urn:par:1", expires_in: 30 }, status: 201 });
    });
  });

  describe("oauth.revokeRefreshToken (POST /oauth/revoke, JSON)", () => {
    it("sends client_id, token and the secret as JSON and resolves to a VoidApiResponse without an own data", async () => {
      const { seen } = intercept("POST", "/oauth/revoke", { body: "" });
      const response = await authClient().oauth.revokeRefreshToken({ token: "rt" });
      expect(seen[0]!.headers["content-type"]).toBe("application/json");
      expect(jsonKeys(seen[0]!.body)).toEqual(["client_id", "token", "client_secret"]);
      expect(JSON.parse(seen[0]!.body)).toEqual({ client_id: "client-id", token: "rt", client_secret: CLIENT_SECRET });
      expect(response).toBeInstanceOf(VoidApiResponse);
      expect(Object.hasOwn(response, "data")).toBe(false);
      expect(response.data).toBeUndefined();
      expect(response.status).toBe(200);
    });
  });

  describe("useMTLS", () => {
    it("sends every oauth.* call to https://mtls.{domain} and needs no secret or assertion", async () => {
      const token = intercept("POST", "/oauth/token", { body: TOKENS }, MTLS_ORIGIN);
      const par = intercept("POST", "/oauth/par", { body: { request_uri: "u", expires_in: 1 } }, MTLS_ORIGIN);
      const revoke = intercept("POST", "/oauth/revoke", { body: "" }, MTLS_ORIGIN);
      const client = authClient({ clientSecret: undefined, useMTLS: true });
      await client.oauth.clientCredentialsGrant({ audience: "a" });
      await client.oauth.pushedAuthorization({ client_id: "client-id", response_type: "code", redirect_uri: "r" });
      await client.oauth.revokeRefreshToken({ token: "t" });
      token.scope.done();
      par.scope.done();
      revoke.scope.done();
      expect(formKeys(token.seen[0]!.body)).toEqual(["client_id", "audience", "grant_type"]);
    });

    it("leaves the other endpoint groups on the tenant's own host", async () => {
      const { scope } = intercept("POST", "/passwordless/start", { body: "" });
      await authClient({ clientSecret: undefined, useMTLS: true }).passwordless.sendSMS({ phone_number: "+1" });
      scope.done();
    });
  });
});
