import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { customFetcher } from "../../src/transport/custom-fetcher.js";
import { ParsedSearchParams, ParsedUrl, parseUrl, resetUrlProbe, resolveUrl } from "../../src/core/url.js";
import { originFromDomain } from "../../src/core/validate.js";
import type { PipelineRequest } from "../../src/core/http.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => {
  nock.cleanAll();
  vi.unstubAllGlobals();
  resetUrlProbe();
});

const PARTS = ["href", "protocol", "username", "password", "host", "hostname", "port", "origin", "pathname", "search", "hash"] as const;

/** React Native 0.72–0.79's global URL (Libraries/Blob/URL.js), in its essentials: a "/" appended, getters that throw. */
class ReactNative079Url {
  readonly _url: string;
  constructor(url: string) {
    this._url = url.endsWith("/") || url.includes("?") ? url : `${url}/`;
  }
  get href(): string {
    return this._url;
  }
  get pathname(): string {
    throw new Error("URL.pathname not implemented");
  }
  get search(): string {
    throw new Error("URL.search is not implemented");
  }
  get origin(): string {
    throw new Error("URL.origin is not implemented");
  }
  toString(): string {
    return this._url;
  }
}

/** React Native 0.80+'s global URL, in its essentials: parts read with regular expressions, nothing normalised. */
class ReactNative080Url {
  readonly _url: string;
  constructor(url: string) {
    this._url = url;
  }
  get href(): string {
    return this._url;
  }
  get hostname(): string {
    return /^https?:\/\/(?:[^@]+@)?([^:/?#]+)/.exec(this._url)?.[1] ?? "";
  }
  get pathname(): string {
    return /https?:\/\/[^/]+(\/[^?#]*)?/.exec(this._url)?.[1] ?? "/";
  }
  get origin(): string {
    return /^(https?:\/\/[^/]+)/.exec(this._url)?.[1] ?? "";
  }
  toString(): string {
    return this._url;
  }
}

describe("ParsedUrl, the stand-in for an incomplete global URL", () => {
  it.each([
    "http://127.0.0.1:4000/api/v2/users?per_page=2&q=a%20b#frag",
    "HTTPS://Tenant.Example:443/api/v2/users/auth0%7C123",
    "https://tenant.example",
    "https://tenant.example/?",
    "https://user:pw@tenant.example:8443/p?x=1&x=2&y&=z",
    "http://localhost:80/a/b/c/?empty=&plus=a+b",
    "https://[::1]:8443/x",
  ])("reads %s as URL does", (href) => {
    const ours = new ParsedUrl(href);
    const platform = new URL(href);
    for (const part of PARTS) expect(ours[part], part).toBe(platform[part]);
    expect(String(ours)).toBe(platform.href);
    expect(JSON.stringify({ url: ours })).toBe(JSON.stringify({ url: platform }));
    expect([...ours.searchParams]).toEqual([...platform.searchParams]);
  });

  it.each(["tenant.example/path", "ftp://tenant.example/", "https://tenant.123/", "https://1234/", "https://0x10/", "https:///x", "https://t.example:70000/"])(
    "refuses %s, which URL refuses or would read as another host",
    (href) => {
      expect(() => new ParsedUrl(href)).toThrow(TypeError);
    },
  );

  it.each(["https://other.example/x?y#z", "HTTP://127.0.0.1:4000/a", "//cdn.example/p", "/api/v2/users?page=1", "users/2", "?q=1", "#top"])(
    "resolves the redirect Location %s against it as URL does",
    (location) => {
      const base = "https://tenant.example/api/v2/users/u1?x=1#h";
      expect(resolveUrl(location, new ParsedUrl(base) as unknown as URL).href).toBe(new URL(location, base).href);
    },
  );

  it("reads the query as URLSearchParams does", () => {
    const params = new ParsedSearchParams("?a=1&b=x%20y&a=2&c&d=e%3Df&plus=a+b");
    const platform = new URLSearchParams("?a=1&b=x%20y&a=2&c&d=e%3Df&plus=a+b");
    expect([...params.entries()]).toEqual([...platform.entries()]);
    expect([...params.keys()]).toEqual([...platform.keys()]);
    expect([...params.values()]).toEqual([...platform.values()]);
    expect(params.get("a")).toBe("1");
    expect(params.getAll("a")).toEqual(["1", "2"]);
    expect(params.get("missing")).toBeNull();
    expect(params.has("c")).toBe(true);
    expect(params.size).toBe(platform.size);
    const seen: string[] = [];
    params.forEach((value, key) => seen.push(`${key}:${value}`));
    expect(seen[0]).toBe("a:1");
    expect(params.toString()).toBe("a=1&b=x%20y&a=2&c&d=e%3Df&plus=a+b");
    expect(new ParsedSearchParams("bad=%E0%A4%A").get("bad")).toBe("%E0%A4%A");
  });
});

describe("parseUrl: the platform URL where it is complete, the stand-in where it is not", () => {
  it("returns the platform URL on Node", () => {
    expect(parseUrl("https://tenant.example/a")).toBeInstanceOf(URL);
  });

  it("probes the global URL once and falls back when it is React Native's", () => {
    vi.stubGlobal("URL", ReactNative079Url);
    resetUrlProbe();
    const url = parseUrl("https://tenant.example/api/v2/users?q=1");
    expect(url).toBeInstanceOf(ParsedUrl);
    expect(url.pathname).toBe("/api/v2/users");
    expect(url.href).toBe("https://tenant.example/api/v2/users?q=1");
  });

  it("falls back on React Native 0.80+'s URL too, which does not normalise", () => {
    vi.stubGlobal("URL", ReactNative080Url);
    resetUrlProbe();
    const url = parseUrl("HTTPS://Tenant.Example:443/api/v2/users");
    expect(url).toBeInstanceOf(ParsedUrl);
    expect(url.origin).toBe("https://tenant.example");
  });

  it("falls back when there is no global URL at all", () => {
    vi.stubGlobal("URL", undefined);
    resetUrlProbe();
    expect(parseUrl("https://tenant.example/")).toBeInstanceOf(ParsedUrl);
  });

  it("validates the domain option the same way with the stand-in", () => {
    resetUrlProbe(false);
    expect(originFromDomain("Tenant.Example.com:443")).toBe("https://tenant.example.com");
    expect(originFromDomain("http://127.0.0.1:4000/")).toBe("http://127.0.0.1:4000");
    for (const bad of ["tenant.123", "1234", "tenant.example.com:99999", "https://tenant.example.com"]) {
      expect(() => originFromDomain(bad), bad).toThrow(/domain/);
    }
  });
});

describe("a client whose runtime has an incomplete URL (the stand-in in use)", () => {
  it("sends path and query as built, and middleware reads request.url", async () => {
    resetUrlProbe(false);
    const seen: string[] = [];
    const client = new TestClient({ headers: { "x-trace": "1" } });
    client.pipeline.use(
      async (request, next) => {
        seen.push(`${request.url.origin} ${request.url.pathname} ${request.url.search} ${request.url.searchParams.get("name")}`);
        expect(request.url).toBeInstanceOf(ParsedUrl);
        return next(request);
      },
      { after: "rawResponse" },
    );
    let path = "";
    nock(ORIGIN).get(/\/api\/v2\/things/).reply(function (uri) {
      path = uri;
      return [200, { ok: true }];
    });
    const { response } = await client.call({ path: "/things/a%7Cb?dropped=1", query: "name=x%20y&n=1", options: { queryParams: { n: [2, 3] } } });
    expect(response.body).toEqual({ ok: true });
    expect(path).toBe("/api/v2/things/a%7Cb?name=x%20y&n=2&n=3");
    expect(seen).toEqual([`${ORIGIN} /api/v2/things/a%7Cb ?name=x%20y&n=2&n=3 x y`]);
  });

  it("masks secret query values in logs and hook payloads without URL setters", async () => {
    resetUrlProbe(false);
    const lines: unknown[] = [];
    const logger = { debug: (m: string, d?: unknown) => void lines.push([m, d]), info: () => undefined, warn: () => undefined, error: () => undefined };
    const client = new TestClient({ logging: { level: "debug", logger } });
    const started: string[] = [];
    client.lifecycle.hook("request:start", ({ request }) => void started.push(request.url.href));
    nock(ORIGIN).get("/api/v2/things").query(true).reply(200, {});
    await client.call({ query: "client_secret=qs-secret&name=ok&Access_Token=at-secret&client_secret=again" });
    const text = JSON.stringify(lines);
    for (const secret of ["qs-secret", "at-secret", "again"]) expect(text).not.toContain(secret);
    expect(started).toEqual([`${ORIGIN}/api/v2/things?client_secret=%5BREDACTED%5D&name=ok&Access_Token=%5BREDACTED%5D&client_secret=%5BREDACTED%5D`]);
  });

  it("gives a custom fetcher the query parameters and the URL without query", async () => {
    resetUrlProbe(false);
    const calls: unknown[] = [];
    const client = new TestClient();
    client.pipeline.setFetcher(
      customFetcher(async (args) => {
        calls.push({ url: args.url, query: args.queryParameters });
        return { ok: true, body: { done: 1 }, headers: {}, rawResponse: new Response(null) };
      }),
    );
    const { response } = await client.call({ query: "a=1&b=x%20y&a=2" });
    expect(response.body).toEqual({ done: 1 });
    expect(calls).toEqual([{ url: `${ORIGIN}/api/v2/things`, query: { a: ["1", "2"], b: "x y" } }]);
  });

  it("adds Auth0-Custom-Domain on whitelisted paths", async () => {
    resetUrlProbe(false);
    const { ManagementClient } = await import("../../src/management/management-client.js");
    const management = new ManagementClient({ domain: "tenant.example.com", token: "t", withCustomDomainHeader: "login.example.com" });
    const headers: Array<string | undefined> = [];
    nock(ORIGIN)
      .get("/api/v2/users/u1")
      .reply(function () {
        headers.push(this.req.headers["auth0-custom-domain"] as string | undefined);
        return [200, { user_id: "u1" }];
      })
      .get("/api/v2/roles")
      .query(true)
      .reply(function () {
        headers.push(this.req.headers["auth0-custom-domain"] as string | undefined);
        return [200, []];
      });
    await management.users.get("u1");
    await management.roles.list();
    expect(headers).toEqual(["login.example.com", undefined]);
  });
});

export type { PipelineRequest };

describe("a runtime without streaming response bodies (React Native's fetch)", () => {
  it("refuses a streaming call with MissingRuntimeFeatureError instead of failing later", async () => {
    const { readResponse } = await import("../../src/transport/read-response.js");
    const { MissingRuntimeFeatureError } = await import("../../src/core/errors.js");
    const response = { status: 200, statusText: "OK", headers: new Headers(), url: "", redirected: false, type: "default", body: undefined } as unknown as Response;
    const request = { method: "GET", responseBody: "stream", operation: { api: "management", method: "GET", path: "/jobs/{id}/events" } } as unknown as PipelineRequest;
    const error = await readResponse(response, request).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(MissingRuntimeFeatureError);
    expect((error as Error).message).toMatch(/^Streaming the response of GET \/jobs\/\{id\}\/events needs Response.body/);
  });
});

describe("reading a body without a stream (React Native's fetch) or without TextDecoder (Hermes)", () => {
  const request = { method: "GET", maxResponseBytes: 10, operation: { api: "management", method: "GET", path: "/users" } } as unknown as PipelineRequest;
  const noStream = (text: string) =>
    ({ status: 200, statusText: "OK", headers: new Headers({ "content-type": "application/json" }), url: "", redirected: false, type: "default", body: undefined, text: async () => text }) as unknown as Response;

  it("parses the whole text when there is no Response.body", async () => {
    const { readResponse } = await import("../../src/transport/read-response.js");
    expect((await readResponse(noStream('{"a":1}'), request)).body).toEqual({ a: 1 });
  });

  it("still refuses a text longer than maxResponseBytes", async () => {
    const { readResponse } = await import("../../src/transport/read-response.js");
    const { ResponseTooLargeError } = await import("../../src/core/errors.js");
    await expect(readResponse(noStream('{"a":"0123456789"}'), request)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("reads a streamed body as text where TextDecoder is missing", async () => {
    vi.stubGlobal("TextDecoder", undefined);
    const { readResponse } = await import("../../src/transport/read-response.js");
    expect((await readResponse(new Response('{"b":2}'), { ...request, maxResponseBytes: 100 } as PipelineRequest)).body).toEqual({ b: 2 });
  });
});

describe("the default transport where ky cannot load (no TextEncoder: React Native before 0.74)", () => {
  it("sends the same request with the global fetch", async () => {
    vi.stubGlobal("TextEncoder", undefined);
    const client = new TestClient();
    const calls: string[] = [];
    const realFetch = globalThis.fetch;
    vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
      calls.push(`${init.method} ${url} ${new Headers(init.headers).get("authorization")}`);
      return realFetch(url, init);
    });
    nock(ORIGIN).get("/api/v2/things").query({ a: "1" }).reply(200, { ok: 1 });
    const { response } = await client.call({ query: "a=1" });
    expect(response.body).toEqual({ ok: 1 });
    expect(calls).toEqual([`GET ${ORIGIN}/api/v2/things?a=1 Bearer test-token`]);
  });
});
