import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import {
  AuthApiError,
  AuthenticationClient,
  FetchError,
  InvalidInputError,
  ManagementClient,
  NetworkError,
  TimeoutError,
  UserInfoClient,
  retry,
  type ErrorContext,
  type Middleware,
  type RequestContext,
  type ResponseContext,
} from "../../src/index.js";
import { retryPolicy } from "../../src/auth/retry-policy.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN, ORIGIN, form, rejectionOf } from "./support.js";

/**
 * v5's object-style `middleware` on the Authentication API and `/userinfo` clients, on the wire: `pre` once before
 * the first attempt, the attempts and retries, then `post` (2xx) or `onError` (no response, or another status).
 */

afterEach(() => void nock.cleanAll());

const networkError = (code: string) => Object.assign(new Error(`socket ${code}`), { code });

function authClient(middleware: unknown[], options: Record<string, unknown> = {}): AuthenticationClient {
  return new AuthenticationClient({ domain: DOMAIN, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, middleware: middleware as Middleware[], ...options });
}

/** Swap the client's retry link for one with the same policy that does not spend its waits. */
function noWaits(client: AuthenticationClient | UserInfoClient, enabledByDefault: boolean): void {
  client.pipeline.replace("retry", retry({ ...retryPolicy({}, enabledByDefault).retry, sleep: async () => {} }));
}

describe("AuthenticationClient with v5's object-style middleware", () => {
  it("pre sees the request as fetch would, and may rewrite a header and the URL (same origin)", async () => {
    const seen: Array<{ method: string; path: string; trace: unknown; body: string }> = [];
    const scope = nock(ORIGIN)
      .post("/oauth/token")
      .query({ via: "pre" })
      .reply(function (uri, body) {
        seen.push({ method: this.req.method, path: uri, trace: this.req.headers["x-trace"], body: String(body) });
        return [200, { access_token: "at", token_type: "Bearer", expires_in: 60 }];
      });
    const observed: Array<Record<string, unknown>> = [];
    const pre = async ({ url, init }: RequestContext) => {
      const headers = new Headers(init.headers);
      observed.push({ url: String(url), method: init.method, contentType: headers.get("content-type"), body: String(init.body) });
      headers.set("x-trace", "trace-1");
      return { url: `${String(url)}?via=pre`, init: { ...init, headers } };
    };
    const response = await authClient([{ pre }]).oauth.clientCredentialsGrant({ audience: "https://api" });

    scope.done();
    expect(observed).toEqual([
      { url: `${ORIGIN}/oauth/token`, method: "POST", contentType: expect.stringMatching(/^application\/x-www-form-urlencoded/), body: expect.any(String) },
    ]);
    expect(form(observed[0]!.body as string)).toMatchObject({ grant_type: "client_credentials", client_id: CLIENT_ID, audience: "https://api" });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "POST", path: "/oauth/token?via=pre", trace: "trace-1" });
    expect(form(seen[0]!.body)).toMatchObject({ grant_type: "client_credentials", client_secret: CLIENT_SECRET, audience: "https://api" });
    expect(response.data.access_token).toBe("at");
  });

  it("post sees a clone of the 2xx response and may replace it (database.signUp)", async () => {
    const scope = nock(ORIGIN).post("/dbconnections/signup").reply(200, { _id: "abc", email: "a@b.c", email_verified: false });
    const readByHook: unknown[] = [];
    const post = async ({ response, url, init }: ResponseContext) => {
      const body = (await response.json()) as Record<string, unknown>;
      readByHook.push({ status: response.status, body, url: String(url), method: init.method });
      return new Response(JSON.stringify({ ...body, _id: "replaced" }), { status: 201, headers: { "x-from": "post" } });
    };
    const response = await authClient([{ post }]).database.signUp({ email: "a@b.c", password: "pw", connection: "db" });

    scope.done();
    expect(readByHook).toEqual([{ status: 200, body: { _id: "abc", email: "a@b.c", email_verified: false }, url: `${ORIGIN}/dbconnections/signup`, method: "POST" }]);
    expect(response.status).toBe(201);
    expect(response.headers.get("x-from")).toBe("post");
    expect(response.data).toMatchObject({ id: "replaced", email: "a@b.c" });
  });

  it("onError may answer a network error with a response of its own", async () => {
    const scope = nock(ORIGIN).post("/oauth/token").replyWithError(networkError("ECONNREFUSED"));
    const told: ErrorContext[] = [];
    const onError = async (context: ErrorContext) => {
      told.push(context);
      return new Response(JSON.stringify({ access_token: "from-fallback", token_type: "Bearer", expires_in: 60 }), { status: 200 });
    };
    const response = await authClient([{ onError }]).oauth.clientCredentialsGrant({ audience: "a" });

    scope.done();
    expect(response.data.access_token).toBe("from-fallback");
    expect(told).toHaveLength(1);
    expect(told[0]!.response).toBeUndefined();
    // v5's terms: what fetch threw, not the core's wrapper.
    expect(told[0]!.error).toBeInstanceOf(Error);
    expect(told[0]!.error).not.toBeInstanceOf(NetworkError);
    expect(told[0]!.error).not.toBeInstanceOf(FetchError);
    expect(String(told[0]!.url)).toBe(`${ORIGIN}/oauth/token`);
  });

  it("an unanswered network error still fails as FetchError; a timeout reaches onError as v5's TimeoutError", async () => {
    nock(ORIGIN).post("/oauth/token").replyWithError(networkError("ECONNRESET"));
    const errors: unknown[] = [];
    const error = await rejectionOf(authClient([{ onError: ({ error: e }: ErrorContext) => void errors.push(e) }]).oauth.clientCredentialsGrant({ audience: "a" }));
    expect(error).toBeInstanceOf(FetchError);
    expect(errors).toHaveLength(1);

    nock(ORIGIN).post("/oauth/token").delay(2_000).reply(200, {});
    const timedOut: unknown[] = [];
    const slow = authClient([{ onError: ({ error: e }: ErrorContext) => void timedOut.push(e) }], { timeoutDuration: 20 });
    await expect(slow.oauth.clientCredentialsGrant({ audience: "a" })).rejects.toBeInstanceOf(TimeoutError);
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0]).toBeInstanceOf(TimeoutError);
  });

  it("onError sees an error status (a clone of the response); unanswered, the call fails as without hooks", async () => {
    nock(ORIGIN).post("/oauth/token").reply(403, { error: "unauthorized_client", error_description: "Grant type not allowed" });
    const seen: unknown[] = [];
    const onError = async ({ response, error }: ErrorContext) => void seen.push({ status: response?.status, body: await response?.json(), error });
    const error = await rejectionOf(authClient([{ onError }]).oauth.clientCredentialsGrant({ audience: "a" }));
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ statusCode: 403, error: "unauthorized_client" });
    expect(seen).toEqual([{ status: 403, body: { error: "unauthorized_client", error_description: "Grant type not allowed" }, error: undefined }]);
  });

  it("hooks run once around the retries: pre before the first attempt, post after the last", async () => {
    const attempts: Array<string | undefined> = [];
    const scope = nock(ORIGIN)
      .post("/oauth/token")
      .times(2)
      .reply(function () {
        attempts.push(this.req.headers["x-pre"] as string | undefined);
        return [429, { error: "too_many_requests" }];
      })
      .post("/oauth/token")
      .reply(function () {
        attempts.push(this.req.headers["x-pre"] as string | undefined);
        return [200, { access_token: "at" }];
      });
    const calls: string[] = [];
    let count = 0;
    const client = authClient(
      [
        {
          pre: ({ url, init }: RequestContext) => {
            calls.push("pre");
            return { url, init: { ...init, headers: { ...(init.headers as Record<string, string>), "x-pre": String(++count) } } };
          },
          post: ({ response }: ResponseContext) => void calls.push(`post ${response.status}`),
          onError: () => void calls.push("onError"),
        },
      ],
      { retry: { enabled: true } },
    );
    noWaits(client, false);
    await expect(client.oauth.clientCredentialsGrant({ audience: "a" })).resolves.toMatchObject({ data: { access_token: "at" } });
    scope.done();
    expect(calls).toEqual(["pre", "post 200"]);
    expect(attempts).toEqual(["1", "1", "1"]);
  });

  it("onError runs once when the retries are spent", async () => {
    const scope = nock(ORIGIN).post("/oauth/token").times(3).reply(429, { error: "too_many_requests" });
    const statuses: Array<number | undefined> = [];
    const client = authClient([{ onError: ({ response }: ErrorContext) => void statuses.push(response?.status) }], { retry: { enabled: true, maxRetries: 2 } });
    noWaits(client, false);
    await expect(client.oauth.clientCredentialsGrant({ audience: "a" })).rejects.toMatchObject({ statusCode: 429 });
    scope.done();
    expect(statuses).toEqual([429]);
  });

  it("hooks send their own requests with the client's fetch option, with the timeout's signal", async () => {
    nock(ORIGIN).post("/oauth/token").reply(200, { access_token: "at" });
    nock("https://audit.example.com").post("/events").reply(204);
    const viaOption: Array<{ url: string; signal: boolean }> = [];
    const fetch = (url: string, init: RequestInit) => {
      viaOption.push({ url, signal: init.signal instanceof AbortSignal });
      return globalThis.fetch(url, init);
    };
    const pre = async (context: RequestContext) => {
      const audit = await context.fetch(new URL("https://audit.example.com/events"), { method: "POST", body: "{}" });
      expect(audit.status).toBe(204);
    };
    await authClient([{ pre }], { fetch }).oauth.clientCredentialsGrant({ audience: "a" });
    expect(viaOption).toEqual([
      { url: "https://audit.example.com/events", signal: true },
      { url: `${ORIGIN}/oauth/token`, signal: true },
    ]);
  });

  it("hooks and the core's function-style middleware mix in one option; the hooks' link sits just outside retry", async () => {
    const scope = nock(ORIGIN).post("/oauth/token").reply(200, { access_token: "at" });
    const order: string[] = [];
    const client = authClient([
      async (request: { headers: Record<string, string> }, next: (request: unknown) => Promise<unknown>) => {
        order.push("function");
        return next(request);
      },
      { pre: () => void order.push("pre") },
    ]);
    expect(client.pipeline.names.slice(client.pipeline.names.indexOf("middlewareHooks"), client.pipeline.names.indexOf("middlewareHooks") + 2)).toEqual([
      "middlewareHooks",
      "retry",
    ]);
    await client.oauth.clientCredentialsGrant({ audience: "a" });
    scope.done();
    expect(order).toEqual(["function", "pre"]);
  });

  it("a class instance with hook methods is middleware too (v5's interface, implemented)", async () => {
    nock(ORIGIN).post("/oauth/token").reply(200, { access_token: "at" });
    class CountingMiddleware implements Middleware {
      count = 0;
      async post(): Promise<void> {
        this.count += 1;
      }
    }
    const counting = new CountingMiddleware();
    await authClient([counting]).oauth.clientCredentialsGrant({ audience: "a" });
    expect(counting.count).toBe(1);
  });
});

describe("a middleware entry of no known shape is refused at construction, before any request", () => {
  const bad: Array<[string, unknown]> = [
    ["a hook that is not a function", [{ pre: "log" }]],
    ["an object with no hook", [{ before: "retry" }]],
    ["null", [null]],
    ["a number", [42]],
    ["both an entry and hooks", [{ middleware: async () => undefined, post: () => undefined }]],
    ["not an array", { pre: () => undefined }],
  ];
  it.each(bad)("%s", (_, middleware) => {
    const sent: string[] = [];
    nock(ORIGIN)
      .persist()
      .post(/.*/)
      .reply((uri) => (sent.push(uri), [200, {}]));
    for (const construct of [
      () => new AuthenticationClient({ domain: DOMAIN, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, middleware: middleware as Middleware[] }),
      () => new UserInfoClient({ domain: DOMAIN, middleware: middleware as Middleware[] }),
    ]) {
      let error: unknown;
      try {
        construct();
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: "middleware" });
      expect((error as Error).message).toMatch(/middleware|hook/);
    }
    expect(sent).toEqual([]);
  });
});

describe("ManagementClient's middleware option (ours; v5's ManagementClient has none)", () => {
  it("takes function-style middleware only: v5's hooks are refused at construction", () => {
    const sent: string[] = [];
    nock(ORIGIN)
      .persist()
      .get(/.*/)
      .reply((uri) => (sent.push(uri), [200, {}]));
    const build = () => new ManagementClient({ domain: DOMAIN, token: "t", middleware: [{ pre: () => undefined } as never] });
    expect(build).toThrow(InvalidInputError);
    expect(build).toThrow(/A middleware must be a function/);
    expect(sent).toEqual([]);
  });
});

describe("UserInfoClient.getUserInfo with v5's object-style middleware", () => {
  it("pre rewrites a header and the URL; post replaces the response; both once around the default 429 retries", async () => {
    const attempts: Array<{ path: string; tag: unknown; authorization: unknown }> = [];
    const record = function (this: { req: { path: string; headers: Record<string, unknown> } }) {
      attempts.push({ path: this.req.path, tag: this.req.headers["x-tag"], authorization: this.req.headers.authorization });
    };
    const scope = nock(ORIGIN)
      .get("/userinfo")
      .query({ fields: "all" })
      .reply(function () {
        record.call(this);
        return [429, {}];
      })
      .get("/userinfo")
      .query({ fields: "all" })
      .reply(function () {
        record.call(this);
        return [200, { sub: "auth0|1", email: "a@b.c" }];
      });
    const calls: string[] = [];
    const client = new UserInfoClient({
      domain: DOMAIN,
      middleware: [
        {
          pre: ({ url, init }) => {
            calls.push("pre");
            const headers = new Headers(init.headers);
            headers.set("x-tag", "t1");
            return { url: `${String(url)}?fields=all`, init: { ...init, headers } };
          },
          post: async ({ response }) => {
            calls.push("post");
            const profile = (await response.json()) as Record<string, unknown>;
            return new Response(JSON.stringify({ ...profile, name: "Added by post" }), { status: 200 });
          },
        },
      ],
    });
    noWaits(client, true);
    const response = await client.getUserInfo("the-access-token");
    scope.done();
    expect(calls).toEqual(["pre", "post"]);
    expect(attempts).toEqual([
      { path: "/userinfo?fields=all", tag: "t1", authorization: "Bearer the-access-token" },
      { path: "/userinfo?fields=all", tag: "t1", authorization: "Bearer the-access-token" },
    ]);
    expect(response.data).toEqual({ sub: "auth0|1", email: "a@b.c", name: "Added by post" });
  });

  it("onError answers a network error", async () => {
    // A GET is retried after a network error: every attempt fails, then onError answers once.
    const scope = nock(ORIGIN).get("/userinfo").times(4).replyWithError(networkError("ECONNREFUSED"));
    const errors: unknown[] = [];
    const client = new UserInfoClient({
      domain: DOMAIN,
      middleware: [{ onError: ({ error }) => (errors.push(error), new Response(JSON.stringify({ sub: "cached" }), { status: 200 })) }],
    });
    noWaits(client, true);
    const response = await client.getUserInfo("at");
    expect(response.data).toEqual({ sub: "cached" });
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toBeInstanceOf(NetworkError);
    scope.done(); // four attempts (the first and 3 retries), one onError
  });
});

describe("a real-world v5 snippet: a logging middleware", () => {
  it("logs each call's method, URL and status, and never the secret", async () => {
    nock(ORIGIN).post("/oauth/token").reply(200, { access_token: "at", token_type: "Bearer", expires_in: 86400 });
    nock(ORIGIN).post("/dbconnections/signup").reply(400, { code: "invalid_signup", description: "Invalid sign up" });
    const lines: string[] = [];
    const logger = { info: (line: string) => lines.push(line) };

    // As v5 code writes it (auth0@5's README pattern): hooks typed with v5's context types.
    const loggingMiddleware = {
      async pre(context: RequestContext) {
        logger.info(`--> ${context.init.method} ${String(context.url)}`);
      },
      async post(context: ResponseContext) {
        logger.info(`<-- ${context.response.status} ${String(context.url)}`);
      },
      async onError(context: ErrorContext) {
        logger.info(`<-- ${context.response?.status ?? "network error"} ${String(context.url)}`);
      },
    };
    const auth0 = new AuthenticationClient({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      middleware: [loggingMiddleware],
    });

    const { data } = await auth0.oauth.clientCredentialsGrant({ audience: `https://${DOMAIN}/api/v2/` });
    expect(data.access_token).toBe("at");
    await expect(auth0.database.signUp({ email: "a@b.c", password: "pw", connection: "db" })).rejects.toBeInstanceOf(AuthApiError);
    expect(lines).toEqual([
      `--> POST ${ORIGIN}/oauth/token`,
      `<-- 200 ${ORIGIN}/oauth/token`,
      `--> POST ${ORIGIN}/dbconnections/signup`,
      `<-- 400 ${ORIGIN}/dbconnections/signup`,
    ]);
    expect(lines.join("\n")).not.toContain(CLIENT_SECRET);
  });
});
