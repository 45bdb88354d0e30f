import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationClient, FetchError, ManagementApiError, ManagementClient, TimeoutError, type Middleware } from "../index.js";
import { legacyRetry } from "../retry.js";
import { DOMAIN, ORIGIN, rejection, serve } from "./helpers.js";

afterEach(() => {
  nock.cleanAll();
});

const client = (middleware: Middleware[], options: Record<string, unknown> = {}): ManagementClient =>
  new ManagementClient({ domain: DOMAIN, token: "t", middleware, ...options });

describe("v4's middleware hooks, as the legacyMiddleware link", () => {
  it("pre sees the URL and a RequestInit, and may return a new { url, init }", async () => {
    const recorded = serve([200, {}]);
    const seen: unknown[] = [];
    const pre: Middleware["pre"] = async ({ url, init, fetch }) => {
      seen.push({ url, method: init.method, headers: init.headers, fetch: typeof fetch });
      return { url: `${String(url)}&extra=1`, init: { ...init, headers: { ...(init.headers as Record<string, string>), "x-pre": "yes" } } };
    };
    await client([{ pre }]).users.getAll({ q: "name:ann" });
    expect(seen).toEqual([
      {
        url: `${ORIGIN}/api/v2/users?q=name%3Aann`,
        method: "GET",
        headers: expect.objectContaining({ authorization: "Bearer t", "auth0-client": expect.any(String) }),
        fetch: "function",
      },
    ]);
    expect(recorded[0]!.path).toBe("/api/v2/users?q=name%3Aann&extra=1");
    expect(recorded[0]!.headers["x-pre"]).toBe("yes");
  });

  it("pre may change the init in place and return nothing; hooks run in order", async () => {
    const recorded = serve([200, {}]);
    const order: string[] = [];
    await client([
      {
        pre: async ({ init }) => {
          order.push("first");
          init.headers = { ...(init.headers as Record<string, string>), "x-first": "1" };
        },
      },
      {
        pre: async ({ init }) => {
          order.push("second");
          expect((init.headers as Record<string, string>)["x-first"]).toBe("1");
          init.method = "POST";
          init.body = JSON.stringify({ swapped: true });
        },
      },
    ]).users.get({ id: "1" });
    expect(order).toEqual(["first", "second"]);
    expect(recorded[0]).toMatchObject({ method: "POST", body: '{"swapped":true}' });
    expect(recorded[0]!.headers["x-first"]).toBe("1");
  });

  it("post sees a clone of a 2xx response and may replace it", async () => {
    serve([200, { user_id: "1" }]);
    const read: unknown[] = [];
    const instance = client([
      { post: async ({ response }) => void read.push(await response.json()) },
      { post: async ({ response }) => new Response(JSON.stringify({ replaced: (await response.json()) as unknown }), { status: 200, headers: { "x-post": "1" } }) },
    ]);
    const result = await instance.users.get({ id: "1" });
    expect(read).toEqual([{ user_id: "1" }]);
    expect(result.data).toEqual({ replaced: { user_id: "1" } });
    expect(result.headers.get("x-post")).toBe("1");
  });

  it("onError sees an error response (not post) and may answer in its place", async () => {
    serve([404, { statusCode: 404, error: "Not Found", message: "nope" }]);
    const posts: unknown[] = [];
    const seen: unknown[] = [];
    const instance = client([
      { post: async () => void posts.push(1) },
      {
        onError: async ({ error, response }) => {
          seen.push({ error, status: response?.status, body: await response?.json() });
          return new Response(JSON.stringify({ fallback: true }), { status: 200 });
        },
      },
    ]);
    expect((await instance.users.get({ id: "1" })).data).toEqual({ fallback: true });
    expect(seen).toEqual([{ error: undefined, status: 404, body: { statusCode: 404, error: "Not Found", message: "nope" } }]);
    expect(posts).toEqual([]);
  });

  it("an error response no onError hook answers is the method's error, as without hooks", async () => {
    serve([404, { statusCode: 404, error: "Not Found", message: "nope" }]);
    const error = await rejection(client([{ onError: async () => undefined }]).users.get({ id: "1" }));
    expect(error).toBeInstanceOf(ManagementApiError);
  });

  it("onError sees a failed request's error (what fetch threw, or TimeoutError) and may answer with a Response", async () => {
    nock(ORIGIN).get("/api/v2/users/1").delay(500).reply(200, {});
    const errors: unknown[] = [];
    const instance = client([{ onError: async ({ error }) => void errors.push(error) }], { timeoutDuration: 20 });
    expect(await rejection(instance.users.get({ id: "1" }))).toBeInstanceOf(TimeoutError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TimeoutError);

    nock.cleanAll();
    nock(ORIGIN).get("/api/v2/users/2").delay(500).reply(200, {});
    const rescued = client([{ onError: async () => new Response('{"cached":true}', { status: 200 }) }], { timeoutDuration: 20 });
    expect((await rescued.users.get({ id: "2" })).data).toEqual({ cached: true });
  });

  it("a failed connection reaches onError as what fetch threw, and is a FetchError when not answered", async () => {
    const errors: unknown[] = [];
    const instance = new ManagementClient({
      domain: DOMAIN,
      token: "t",
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
      middleware: [{ onError: async ({ error }) => void errors.push(error) }],
    });
    const error = (await rejection(instance.users.get({ id: "1" }))) as FetchError;
    expect(error).toBeInstanceOf(FetchError);
    expect(errors).toEqual([error.cause]);
    expect(errors[0]).toBeInstanceOf(TypeError);
  });

  it("runs once around all the attempts: pre before the first, post after the last", async () => {
    const recorded = serve([429, { statusCode: 429, message: "slow down" }], [200, { ok: true }]);
    const calls: string[] = [];
    const instance = client([{ pre: async () => void calls.push("pre"), post: async () => void calls.push("post"), onError: async () => void calls.push("onError") }]);
    instance.pipeline.replace("retry", legacyRetry(undefined, instance.lifecycle, () => 0, async () => undefined));
    await instance.users.get({ id: "1" });
    expect(recorded).toHaveLength(2);
    expect(calls).toEqual(["pre", "post"]);
  });

  it("hooks can send requests of their own with the fetch they are given", async () => {
    nock(ORIGIN).get("/api/v2/users/1").reply(200, { user_id: "1" }).get("/side-channel").reply(200, { side: true });
    let side: unknown;
    await client([{ post: async ({ fetch }) => void (side = await (await fetch(`${ORIGIN}/side-channel`, {})).json()) }]).users.get({ id: "1" });
    expect(side).toEqual({ side: true });
  });
});

describe("v4's middleware hooks on v4's AuthenticationClient (the main entry's, which runs them the same way)", () => {
  it("pre adds a header, post replaces the response of oauth.passwordGrant", async () => {
    let header: unknown;
    const scope = nock(ORIGIN)
      .post("/oauth/token")
      .reply(function () {
        header = this.req.headers["x-v4"];
        return [200, { access_token: "from-server" }];
      });
    const middleware: Middleware[] = [
      {
        pre: async ({ url, init }) => ({ url, init: { ...init, headers: { ...(init.headers as Record<string, string>), "x-v4": "yes" } } }),
        post: async () => new Response(JSON.stringify({ access_token: "from-post" }), { status: 200 }),
      },
    ];
    const auth = new AuthenticationClient({ domain: DOMAIN, clientId: "c", clientSecret: "s", middleware });
    const { data } = await auth.oauth.passwordGrant({ username: "u", password: "p" });
    scope.done();
    expect(header).toBe("yes");
    expect(data.access_token).toBe("from-post");
  });
});
