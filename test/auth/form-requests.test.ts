/**
 * Every form-encoded Authentication API method against what auth0@5.14.1 put on the wire for the same call (recorded
 * from the published package): the verb, the path, the content type exactly (`application/x-www-form-urlencoded`,
 * no charset parameter: v5 sets the header itself, so fetch adds none) and the body byte for byte.
 */
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { AuthenticationClient } from "../../src/auth/authentication-client.js";
import { ManagementClient } from "../../src/management/management-client.js";
import { authClient, intercept } from "./support.js";

afterEach(() => nock.cleanAll());

const FORM = "application/x-www-form-urlencoded";
const TOKENS = { access_token: "x", expires_in: 86400, token_type: "Bearer" };

/** `[method, call, path, body v5 sent, reply]`. */
const CASES: ReadonlyArray<readonly [string, (auth: AuthenticationClient) => Promise<unknown>, string, string, unknown?]> = [
  [
    "oauth.authorizationCodeGrant",
    (auth) => auth.oauth.authorizationCodeGrant({ code: "c ode", redirect_uri: "https://app/cb" }),
    "/oauth/token",
    "client_id=client-id&code=c+ode&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_secret=client-secret-value&grant_type=authorization_code",
  ],
  [
    "oauth.authorizationCodeGrantWithPKCE",
    (auth) => auth.oauth.authorizationCodeGrantWithPKCE({ code: "c", code_verifier: "v" }),
    "/oauth/token",
    "client_id=client-id&code=c&code_verifier=v&client_secret=client-secret-value&grant_type=authorization_code",
  ],
  [
    "oauth.clientCredentialsGrant",
    (auth) => auth.oauth.clientCredentialsGrant({ audience: "https://api/" }),
    "/oauth/token",
    "client_id=client-id&audience=https%3A%2F%2Fapi%2F&client_secret=client-secret-value&grant_type=client_credentials",
  ],
  [
    "oauth.pushedAuthorization",
    (auth) => auth.oauth.pushedAuthorization({ client_id: "client-id", response_type: "code", redirect_uri: "https://app/cb" }),
    "/oauth/par",
    "client_id=client-id&response_type=code&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_secret=client-secret-value",
    { request_uri: "urn:x", expires_in: 30 },
  ],
  [
    "oauth.passwordGrant",
    (auth) => auth.oauth.passwordGrant({ username: "ann@example.com", password: "p&ss=w rd", realm: "db" }),
    "/oauth/token",
    "client_id=client-id&username=ann%40example.com&password=p%26ss%3Dw+rd&realm=db&client_secret=client-secret-value&grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fpassword-realm",
  ],
  [
    "oauth.refreshTokenGrant",
    (auth) => auth.oauth.refreshTokenGrant({ refresh_token: "rt" }),
    "/oauth/token",
    "client_id=client-id&refresh_token=rt&client_secret=client-secret-value&grant_type=refresh_token",
  ],
  [
    "oauth.tokenForConnection",
    (auth) => auth.oauth.tokenForConnection({ subject_token: "st", connection: "google-oauth2" }),
    "/oauth/token",
    "subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Arefresh_token&subject_token=st&connection=google-oauth2&grant_type=urn%3Aauth0%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange%3Afederated-connection-access-token&requested_token_type=http%3A%2F%2Fauth0.com%2Foauth%2Ftoken-type%2Ffederated-connection-access-token&client_secret=client-secret-value",
  ],
  [
    "passwordless.loginWithEmail",
    (auth) => auth.passwordless.loginWithEmail({ email: "ann@example.com", code: "123" }),
    "/oauth/token",
    "client_id=client-id&username=ann%40example.com&otp=123&realm=email&client_secret=client-secret-value&grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fpasswordless%2Fotp",
  ],
  [
    "passwordless.loginWithSMS",
    (auth) => auth.passwordless.loginWithSMS({ phone_number: "+100", code: "123" }),
    "/oauth/token",
    "client_id=client-id&username=%2B100&otp=123&realm=sms&client_secret=client-secret-value&grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fpasswordless%2Fotp",
  ],
  [
    "backchannel.authorize",
    (auth) => auth.backchannel.authorize({ userId: "auth0|1", binding_message: "b", scope: "openid" }),
    "/bc-authorize",
    "binding_message=b&scope=openid&login_hint=%7B%22format%22%3A%22iss_sub%22%2C%22iss%22%3A%22https%3A%2F%2Ftenant.example.com%2F%22%2C%22sub%22%3A%22auth0%7C1%22%7D&client_id=client-id&client_secret=client-secret-value",
    { auth_req_id: "r", expires_in: 30, interval: 5 },
  ],
  [
    "backchannel.backchannelGrant",
    (auth) => auth.backchannel.backchannelGrant({ auth_req_id: "r" }),
    "/oauth/token",
    "client_id=client-id&auth_req_id=r&grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&client_secret=client-secret-value",
  ],
  [
    "tokenExchange.exchangeToken",
    (auth) => auth.tokenExchange.exchangeToken({ subject_token: "st", subject_token_type: "urn:x:y", audience: "https://api/" }),
    "/oauth/token",
    "subject_token=st&subject_token_type=urn%3Ax%3Ay&audience=https%3A%2F%2Fapi%2F&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&client_id=client-id&client_secret=client-secret-value",
  ],
];

describe("form-encoded Authentication API requests, as v5 sends them", () => {
  for (const [name, call, path, body, reply = TOKENS] of CASES) {
    it(`${name}: POST, exact content type and body`, async () => {
      const { seen, scope } = intercept("POST", path, { body: reply });
      await call(authClient());
      scope.done();
      expect(seen).toHaveLength(1);
      expect(seen[0]!.method).toBe("POST");
      expect(seen[0]!.path).toBe(path);
      expect(seen[0]!.headers["content-type"]).toBe(FORM);
      expect(seen[0]!.body).toBe(body);
    });
  }
});

describe("the Management client's client-credentials token request, as v5 sends it", () => {
  it("POST /oauth/token, exact content type and body", async () => {
    const token = intercept("POST", "/oauth/token", { body: TOKENS });
    nock("https://tenant.example.com").get("/api/v2/roles").query(true).reply(200, { roles: [], start: 0, limit: 50, total: 0 });
    await new ManagementClient({ domain: "tenant.example.com", clientId: "cid", clientSecret: "sec" }).roles.list();
    expect(token.seen).toHaveLength(1);
    expect(token.seen[0]!.headers["content-type"]).toBe(FORM);
    expect(token.seen[0]!.body).toBe("client_id=cid&audience=https%3A%2F%2Ftenant.example.com%2Fapi%2Fv2%2F&client_secret=sec&grant_type=client_credentials");
  });
});
