/**
 * The intentional differences from auth0@5.14.1, one `describe` per row of the README's "Differences from auth0 v5"
 * table (same wording), each showing the difference on the wire: what is sent (or not sent) and what comes back.
 * Everything else is the same as v5: the generated wire tests and the recorded-v5 tests check that.
 */
import { readFileSync } from "node:fs";
import { SignJWT } from "jose";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { ManagementClient as LegacyManagementClient } from "../../plugins/legacy/index.js";
import { AuthenticationClient } from "../../src/auth/authentication-client.js";
import { AuthApiError, IdTokenValidatorError, ResponseError } from "../../src/auth/errors.js";
import { InvalidInputError } from "../../src/core/errors.js";
import { Page } from "../../src/core/page.js";
import { ManagementAbortError, ManagementError, ManagementTimeoutError } from "../../src/management/errors.js";
import { ManagementClient, type ManagementClientOptions } from "../../src/management/management-client.js";
import { TokenEndpointError } from "../../src/management/token-provider.js";
import { retry } from "../../src/middleware/retry.js";
import { serve } from "../helpers/serve-recorded.js";

const DOMAIN = "tenant.example.com";
const ORIGIN = `https://${DOMAIN}`;
const JSON_HEADERS = { "content-type": "application/json" };

afterEach(() => nock.cleanAll());

function management(options: Partial<ManagementClientOptions> = {}): ManagementClient {
  return new ManagementClient({ domain: DOMAIN, token: "tok", maxRetries: 0, ...options } as ManagementClientOptions);
}

async function failure(pending: unknown): Promise<unknown> {
  try {
    await pending;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("Offset lists stop on the response's total", () => {
  it("walks two full pages with two requests (v5 asks for a third, empty page)", async () => {
    const users = (from: number) => [{ user_id: `u${from}` }, { user_id: `u${from + 1}` }];
    const recorded = serve(ORIGIN, [
      { status: 200, body: { start: 0, limit: 2, total: 4, users: users(1) }, headers: JSON_HEADERS },
      { status: 200, body: { start: 2, limit: 2, total: 4, users: users(3) }, headers: JSON_HEADERS },
    ]);
    const seen: unknown[] = [];
    for await (const user of await management().users.list({ per_page: 2 })) seen.push(user);
    expect(seen).toEqual([...users(1), ...users(3)]);
    expect(recorded.map((request) => request.path)).toEqual([
      "/api/v2/users?page=0&per_page=2&include_totals=true",
      "/api/v2/users?page=1&per_page=2&include_totals=true",
    ]);
  });
});

describe("User and log searches stop at Auth0's 1,000-record limit", () => {
  it("does not ask for the page past record 1,000 (the API would answer 400)", async () => {
    const full = Array.from({ length: 100 }, (_, index) => ({ user_id: `u${index}` }));
    const recorded = serve(ORIGIN, { status: 200, body: { start: 900, limit: 100, total: 5000, users: full }, headers: JSON_HEADERS });
    const page = (await management().users.list({ q: 'email:"*@example.com"', page: 9, per_page: 100 })) as Page<unknown>;
    expect(page.hasNextPage()).toBe(false);
    expect(recorded).toHaveLength(1);
  });
});

describe("An abort is a ManagementAbortError named AbortError", () => {
  it("is still a ManagementError with v5's message and 499 raw response (v5's name is ManagementError)", async () => {
    const recorded = serve(ORIGIN, { status: 200, body: {}, headers: JSON_HEADERS });
    const controller = new AbortController();
    controller.abort();
    const error = await failure(management().users.get("u1", {}, { abortSignal: controller.signal }));
    expect(error).toBeInstanceOf(ManagementAbortError);
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toMatchObject({ name: "AbortError", message: "The user aborted a request" });
    expect((error as ManagementError).rawResponse?.status).toBe(499);
    expect(recorded).toHaveLength(0);
  });
});

describe("A timeout is a ManagementTimeoutError that names the endpoint", () => {
  it("is also a ManagementError (auth0@5.14.1 throws a plain ManagementError whose message is \"timeout\")", async () => {
    nock(ORIGIN).get("/api/v2/users/u1").delay(2000).reply(200, {});
    const error = await failure(management().users.get("u1", {}, { timeoutInSeconds: 0.05 }));
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as Error).message).toBe("Timeout exceeded when calling GET /users/{id}.");
  });
});

describe("A failed client-credentials grant is a TokenEndpointError", () => {
  it("is an AuthApiError that says it came from the token endpoint; no API request is made", async () => {
    const token = nock(ORIGIN)
      .post("/oauth/token")
      .reply(401, { error: "access_denied", error_description: "Unauthorized" }, JSON_HEADERS);
    const api = nock(ORIGIN).get(/.*/).reply(200, {});
    const client = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "wrong", maxRetries: 0 });
    const error = await failure(client.users.get("u1"));
    expect(error).toBeInstanceOf(TokenEndpointError);
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).not.toBeInstanceOf(ManagementError);
    expect(error).toMatchObject({ statusCode: 401, error: "access_denied" });
    expect(token.isDone()).toBe(true);
    expect(api.isDone()).toBe(false);
  });
});

describe("A 401 from the API fetches a new token and replays the call once", () => {
  it("sends the call again with the new token (v5 gives the 401 to the caller)", async () => {
    let issued = 0;
    nock(ORIGIN)
      .post("/oauth/token")
      .times(2)
      .reply(() => [200, { access_token: `at${++issued}`, expires_in: 86400, token_type: "Bearer" }, JSON_HEADERS]);
    const seen: unknown[] = [];
    nock(ORIGIN)
      .get("/api/v2/users/u1")
      .times(2)
      .reply(function () {
        seen.push(this.req.headers.authorization);
        return seen.length === 1 ? [401, { statusCode: 401, message: "Expired token" }] : [200, { user_id: "u1" }];
      });
    const client = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "sec", maxRetries: 0 });
    await expect(client.users.get("u1")).resolves.toEqual({ user_id: "u1" });
    expect(seen).toEqual(["Bearer at1", "Bearer at2"]);
  });
});

describe("A 2xx body that is not JSON is an error", () => {
  it("Management API: a ManagementError with the status and the text (v5 returns { ok: false, error } as the data)", async () => {
    serve(ORIGIN, { status: 200, body: "<html>maintenance</html>", headers: { "content-type": "text/html" } });
    const error = await failure(management().users.get("u1"));
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toMatchObject({ statusCode: 200, body: "<html>maintenance</html>" });
  });

  it("Authentication API: a ResponseError with the status and the text (v5 throws JSON.parse's SyntaxError)", async () => {
    nock(ORIGIN).post("/oauth/token").reply(200, "OK", { "content-type": "text/plain" });
    const auth = new AuthenticationClient({ domain: DOMAIN, clientId: "cid", clientSecret: "sec" });
    const error = await failure(auth.oauth.clientCredentialsGrant({ audience: "https://api/" }));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ statusCode: 200, body: "OK" });
  });
});

describe("An empty 2xx body from the Authentication API gives data undefined", () => {
  it("resolves with data undefined and the status (v5 throws JSON.parse's SyntaxError)", async () => {
    nock(ORIGIN).post("/dbconnections/signup").reply(204);
    const auth = new AuthenticationClient({ domain: DOMAIN, clientId: "cid", clientSecret: "sec" });
    const response = await auth.database.signUp({ email: "a@example.com", password: "Passw0rd!long", connection: "db" });
    expect(response.data).toBeUndefined();
    expect(response.status).toBe(204);
  });
});

describe("Unknown request properties are refused", () => {
  it("throws InvalidInputError naming the property, nothing sent (v5 drops it silently)", async () => {
    const recorded = serve(ORIGIN, { status: 200, body: { users: [], total: 0 }, headers: JSON_HEADERS });
    const error = await failure(management().users.list({ serch_engine: "v3" } as never));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/unknown request property "serch_engine"/);
    expect(recorded).toHaveLength(0);
  });
});

describe("Required parameters that are missing are refused", () => {
  it("a required query parameter (v5: a TypeError, or the call sent without it)", async () => {
    const recorded = serve(ORIGIN, { status: 204, body: "", headers: {} });
    expect(await failure(management().userGrants.deleteByUserId({} as never))).toBeInstanceOf(InvalidInputError);
    expect(await failure(management().users.listUsersByEmail({} as never))).toBeInstanceOf(InvalidInputError);
    expect(recorded).toHaveLength(0);
  });

  it("a required multipart field (v5 sends the text \"undefined\")", async () => {
    const recorded = serve(ORIGIN, { status: 201, body: {}, headers: JSON_HEADERS });
    expect(await failure(management().jobs.usersImports.create({ users: new Blob(["[]"]) } as never))).toBeInstanceOf(InvalidInputError);
    expect(recorded).toHaveLength(0);
  });
});

describe("Path parameters must be strings other than \"\", \".\" and \"..\"", () => {
  it("refuses them before sending (v5 sends users.get(\"..\") as GET /api/v2/ and a number as its text)", async () => {
    const recorded = serve(ORIGIN, { status: 200, body: {}, headers: JSON_HEADERS });
    for (const id of ["", ".", "..", 123, null]) {
      expect(await failure(management().users.get(id as string)), String(id)).toBeInstanceOf(InvalidInputError);
    }
    expect(await failure(new LegacyManagementClient({ domain: DOMAIN, token: "tok" }).users.getRoles({ id: ".." }))).toBeInstanceOf(InvalidInputError);
    expect(recorded).toHaveLength(0);
  });
});

describe("Bad options are refused when the client is built", () => {
  it("a domain with a scheme or a path, and a header value with CR/LF (v5 fails later, or sends to another host)", () => {
    const build = (options: Record<string, unknown>) => () => new ManagementClient({ domain: DOMAIN, token: "tok", ...options } as ManagementClientOptions);
    expect(build({ domain: "https://tenant.example.com" })).toThrow(InvalidInputError);
    expect(build({ domain: "tenant.example.com/evil" })).toThrow(InvalidInputError);
    expect(build({ headers: { "x-a": "1\r\nx-b: 2" } })).toThrow(InvalidInputError);
    expect(build({ withCustomDomainHeader: "login.example.com\r\nx-b: 2" })).toThrow(InvalidInputError);
  });
});

describe("Connection failures are retried for idempotent requests; writes are not replayed after a 500", () => {
  const instant = (client: ManagementClient): ManagementClient => {
    client.pipeline.replace("retry", retry({ sleep: () => Promise.resolve() }));
    return client;
  };

  it("a GET after a connection reset is sent again (v5 never retries a network error)", async () => {
    const attempts: string[] = [];
    const scope = nock(ORIGIN)
      .get("/api/v2/users/u1")
      .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))
      .get("/api/v2/users/u1")
      .reply(200, { user_id: "u1" });
    scope.on("request", (request: { path: string }) => attempts.push(request.path));
    await expect(instant(management({ maxRetries: 2 })).users.get("u1")).resolves.toEqual({ user_id: "u1" });
    expect(attempts).toEqual(["/api/v2/users/u1", "/api/v2/users/u1"]);
    expect(scope.isDone()).toBe(true);
  });

  it("a POST that got a 500 is not sent again (v5 retries it up to maxRetries)", async () => {
    const recorded = serve(ORIGIN, { status: 500, body: { statusCode: 500 }, headers: JSON_HEADERS });
    const error = await failure(instant(management({ maxRetries: 2 })).users.create({ connection: "db", email: "a@example.com" }));
    expect(error).toBeInstanceOf(ManagementError);
    expect(recorded).toHaveLength(1);
  });
});

describe("The default preset throttles to the tenant's rate limit", () => {
  it("holds a request while the tenant says the bucket is empty (v5 sends it and gets a 429)", async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    const recorded = serve(ORIGIN, {
      status: 200,
      body: { user_id: "u1" },
      headers: { ...JSON_HEADERS, "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
    });
    const client = management();
    await client.users.get("u1");
    const controller = new AbortController();
    const held = failure(client.users.get("u1", {}, { abortSignal: controller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(recorded).toHaveLength(1);
    controller.abort();
    expect(await held).toBeInstanceOf(ManagementAbortError);
    expect(recorded).toHaveLength(1);
  });
});

describe("The fetcher option is used", () => {
  it("sends every request through a custom fetcher (v5 drops the option)", async () => {
    const calls: { url: string; method: string }[] = [];
    const client = management({
      fetcher: async (args) => {
        calls.push({ url: args.url, method: args.method });
        return {
          ok: true,
          body: { user_id: "u1" },
          headers: {},
          rawResponse: { headers: new Headers(), redirected: false, status: 200, statusText: "OK", type: "basic", url: args.url },
        };
      },
    });
    await expect(client.users.get("u1")).resolves.toEqual({ user_id: "u1" });
    expect(calls).toEqual([{ url: `${ORIGIN}/api/v2/users/u1`, method: "GET" }]);
  });
});

describe("ID tokens: the organization is compared by value", () => {
  it("refuses a token for another organization (v5 only checks that the claim is there)", async () => {
    const secret = "client-secret-value-long-enough-for-hs256";
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({ iss: `${ORIGIN}/`, sub: "auth0|1", aud: "cid", iat: now, exp: now + 600, org_id: "org_other" })
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode(secret));
    nock(ORIGIN).post("/oauth/token").reply(200, { access_token: "at", id_token: idToken, expires_in: 60, token_type: "Bearer" });
    const auth = new AuthenticationClient({ domain: DOMAIN, clientId: "cid", clientSecret: secret, idTokenSigningAlg: "HS256" });
    const error = await failure(auth.oauth.passwordGrant({ username: "u", password: "p" }, { idTokenValidateOptions: { organization: "org_mine" } }));
    expect(error).toBeInstanceOf(IdTokenValidatorError);
  });
});

describe("the README's table of differences", () => {
  it("has exactly one row per difference tested here, by the same name", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.split("## Differences from auth0 v5")[1]?.split("\n## ")[0] ?? "";
    const rows = [...section.matchAll(/^\| (.+?) \|/gm)].map((match) => match[1]!.replaceAll("`", "")).filter((name) => name !== "difference" && !name.startsWith("---"));
    const source = readFileSync(new URL(import.meta.url), "utf8");
    const tested = [...source.matchAll(/^describe\((["'])(.+?)\1, \(\) =>/gm)].map((match) => match[2]!.replaceAll('\\"', '"'));
    expect(rows.length).toBeGreaterThan(10);
    expect(rows).toEqual(tested.filter((name) => name !== "the README's table of differences"));
  });
});
