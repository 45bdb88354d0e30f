import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AuthApiError,
  AuthenticationClient,
  BaseAPI,
  BaseAuthAPI,
  Database,
  InvalidInputError,
  JSONApiResponse,
  OAuth,
  Passwordless,
  ResponseError,
  TextApiResponse,
  TOKEN_FOR_CONNECTION_TOKEN_TYPE,
  TOKEN_URL,
  VoidApiResponse,
  parseError,
} from "auth0";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN, form, formKeys, intercept, jsonKeys } from "./support.js";

afterEach(() => nock.cleanAll());

const TOKENS = { access_token: "at", token_type: "Bearer", expires_in: 86400 };
const options = { domain: DOMAIN, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

/** The `Auth0-Client` header's payload. */
const telemetryOf = (header: string | undefined) => JSON.parse(Buffer.from(header ?? "", "base64url").toString()) as { name: string };

describe("the Authentication API groups constructed on their own, as v4 and v5 code does", () => {
  it("new OAuth(options).passwordGrant sends the grant to /oauth/token, authenticated, and resolves to a JSONApiResponse", async () => {
    const { seen, scope } = intercept("POST", TOKEN_URL, { body: TOKENS });
    const oauth = new OAuth(options);
    const response = await oauth.passwordGrant({ username: "jane@example.com", password: "pw", scope: "openid" }, { initOverrides: { headers: { "auth0-forwarded-for": "203.0.113.7" } } });
    scope.done();
    const [request] = seen;
    expect(request!.method).toBe("POST");
    expect(request!.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request!.headers["auth0-forwarded-for"]).toBe("203.0.113.7");
    expect(telemetryOf(request!.headers["auth0-client"]).name).toBe("node-auth0");
    expect(formKeys(request!.body)).toEqual(["client_id", "username", "password", "scope", "client_secret", "grant_type"]);
    expect(form(request!.body)).toEqual({ client_id: CLIENT_ID, username: "jane@example.com", password: "pw", scope: "openid", client_secret: CLIENT_SECRET, grant_type: "password" });
    expect(response).toBeInstanceOf(JSONApiResponse);
    expect(response).toMatchObject({ data: TOKENS, status: 200 });
  });

  it("new OAuth(options) uses the realm grant when a realm is given, and refuses a missing password before any request", async () => {
    const { seen } = intercept("POST", TOKEN_URL, { body: TOKENS });
    await new OAuth(options).passwordGrant({ username: "u", password: "p", realm: "Username-Password-Authentication" });
    expect(form(seen[0]!.body).grant_type).toBe("http://auth0.com/oauth/grant-type/password-realm");
    await expect(new OAuth(options).passwordGrant({ username: "u" } as never)).rejects.toMatchObject({ name: "RequiredError", field: "password" });
  });

  it("new Database(options).signUp and changePassword send JSON to /dbconnections with the client's id", async () => {
    const signUp = intercept("POST", "/dbconnections/signup", { body: { _id: "abc", email: "a@b.c", email_verified: false } });
    const database = new Database(options);
    const created = await database.signUp({ email: "a@b.c", password: "pw", connection: "db" });
    expect(signUp.seen[0]!.headers["content-type"]).toBe("application/json");
    expect(jsonKeys(signUp.seen[0]!.body)).toEqual(["client_id", "email", "password", "connection"]);
    expect(created.data).toMatchObject({ id: "abc", email: "a@b.c" });

    const change = intercept("POST", "/dbconnections/change_password", { body: "We've just sent you an email to reset your password." });
    const changed = await database.changePassword({ email: "a@b.c", connection: "db" });
    expect(JSON.parse(change.seen[0]!.body)).toEqual({ client_id: CLIENT_ID, email: "a@b.c", connection: "db" });
    expect(changed).toBeInstanceOf(TextApiResponse);
  });

  it("new Passwordless(options).sendEmail starts a passwordless login, with the client secret", async () => {
    const { seen } = intercept("POST", "/passwordless/start", { body: {} });
    const response = await new Passwordless(options).sendEmail({ email: "a@b.c", send: "code" });
    expect(JSON.parse(seen[0]!.body)).toEqual({ client_id: CLIENT_ID, connection: "email", email: "a@b.c", send: "code", client_secret: CLIENT_SECRET });
    expect(response).toBeInstanceOf(VoidApiResponse);
  });

  it("checks the options as AuthenticationClient does: a typed error before any request", () => {
    expect(() => new OAuth({ domain: DOMAIN } as never)).toThrow(InvalidInputError);
    expect(() => new Database({ clientId: CLIENT_ID } as never)).toThrow(InvalidInputError);
    expect(() => new Passwordless({ domain: "https://evil.example", clientId: CLIENT_ID })).toThrow(InvalidInputError);
  });

  it("are what an AuthenticationClient's groups are: client.oauth is an OAuth, all of them BaseAuthAPI and BaseAPI", () => {
    const client = new AuthenticationClient(options);
    expect(client.oauth).toBeInstanceOf(OAuth);
    expect(client.database).toBeInstanceOf(Database);
    expect(client.passwordless).toBeInstanceOf(Passwordless);
    for (const group of [client.oauth, new OAuth(options), new Database(options), new Passwordless(options)]) {
      expect(group).toBeInstanceOf(BaseAuthAPI);
      expect(group).toBeInstanceOf(BaseAPI);
      expect(group).toMatchObject({ domain: DOMAIN, clientId: CLIENT_ID });
    }
    expect(Object.keys(new OAuth(options))).not.toContain("clientSecret");
  });

  it("the groups of one AuthenticationClient share its core: its middleware sees their requests", async () => {
    intercept("POST", TOKEN_URL, { body: TOKENS });
    const client = new AuthenticationClient(options);
    const seen: string[] = [];
    client.pipeline.use(async (request, next) => (seen.push(`${request.method} ${request.url.pathname}`), next(request)), { name: "spy" });
    await client.oauth.clientCredentialsGrant({ audience: "https://api" });
    expect(seen).toEqual(["POST /oauth/token"]);
  });
});

describe("the constants and helpers v4 and v5 export", () => {
  it("TOKEN_URL and TOKEN_FOR_CONNECTION_TOKEN_TYPE are v5's values, and tokenForConnection sends the latter by default", async () => {
    expect(TOKEN_URL).toBe("/oauth/token");
    expect(TOKEN_FOR_CONNECTION_TOKEN_TYPE).toBe("urn:ietf:params:oauth:token-type:refresh_token");
    const { seen } = intercept("POST", TOKEN_URL, { body: { access_token: "x", expires_at: 1, connection: "google-oauth2" } });
    await new OAuth(options).tokenForConnection({ connection: "google-oauth2", subject_token: "rt" });
    expect(form(seen[0]!.body).subject_token_type).toBe(TOKEN_FOR_CONNECTION_TOKEN_TYPE);
  });

  it("parseError reads an error response as v4 and v5 do: AuthApiError for a JSON body, ResponseError otherwise", async () => {
    const json = await parseError(new Response('{"error":"invalid_grant","error_description":"Wrong email or password."}', { status: 403, headers: { "x-id": "1" } }));
    expect(json).toBeInstanceOf(AuthApiError);
    expect(json).toMatchObject({ error: "invalid_grant", error_description: "Wrong email or password.", statusCode: 403, message: "Wrong email or password." });
    expect((json as AuthApiError).headers.get("x-id")).toBe("1");
    const text = await parseError(new Response("<html>bad gateway</html>", { status: 502 }));
    expect(text).toBeInstanceOf(ResponseError);
    expect(text).toMatchObject({ statusCode: 502, body: "<html>bad gateway</html>", message: "Response returned an error code" });
  });

  it("JSONApiResponse, TextApiResponse and VoidApiResponse.fromResponse read a fetch Response as v4 and v5 do", async () => {
    const headers = { "content-type": "application/json", "x-request": "r1" };
    const json = await JSONApiResponse.fromResponse<{ a: number }>(new Response('{"a":1}', { status: 201, statusText: "Created", headers }));
    expect(json).toBeInstanceOf(JSONApiResponse);
    expect(json).toMatchObject({ data: { a: 1 }, status: 201, statusText: "Created" });
    expect(json.headers.get("x-request")).toBe("r1");
    const text = await TextApiResponse.fromResponse(new Response("plain", { status: 200 }));
    expect(text).toMatchObject({ data: "plain", status: 200 });
    const none = await VoidApiResponse.fromResponse(new Response(null, { status: 204 }));
    expect(none).toBeInstanceOf(VoidApiResponse);
    expect(none.status).toBe(204);
    expect(none.data).toBeUndefined();
    // A static detached from its class still works (v5 code passes them as callbacks: `.then(JSONApiResponse.fromResponse)`).
    const detached = JSONApiResponse.fromResponse;
    await expect(detached(new Response("[1]"))).resolves.toMatchObject({ data: [1] });
  });
});

describe("logging.ConsoleLogger", () => {
  it("is usable as a client's logger: the client's lines go to the console method of their level", async () => {
    const { logging, ManagementClient } = await import("auth0");
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    try {
      nock(`https://${DOMAIN}`).get("/api/v2/users/u1").reply(200, { user_id: "u1" });
      const client = new ManagementClient({ domain: DOMAIN, token: "t", logging: { logger: new logging.ConsoleLogger(), level: logging.LogLevel.Info } });
      await client.users.get("u1");
      expect(info).toHaveBeenCalledWith(expect.stringMatching(/GET \/api\/v2\/users\/u1 .*200/));
    } finally {
      info.mockRestore();
    }
    expect(logging.LogLevel).toEqual({ Debug: "debug", Info: "info", Warn: "warn", Error: "error" });
  });
});
