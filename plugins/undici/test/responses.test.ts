import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { RedirectError, ResponseTooLargeError } from "auth0";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OriginHandler } from "../../../test/helpers/recording-origin.js";
import { TRANSPORTS, json, management, rejectionOf, startRecordingOrigin, type RecordingOrigin } from "./support.js";

let origin: RecordingOrigin;
let other: RecordingOrigin;
beforeAll(async () => {
  [origin, other] = await Promise.all([startRecordingOrigin(), startRecordingOrigin()]);
});
afterAll(() => Promise.all([origin.close(), other.close()]));
beforeEach(() => {
  origin.requests.length = 0;
  other.requests.length = 0;
});

const USER = { user_id: "auth0|1", name: "Zoë" };
const raw =
  (status: number, headers: Record<string, string | string[]>, body?: Buffer | string): OriginHandler =>
  (_request, response) =>
    void response.writeHead(status, headers).end(body);

// Every behaviour runs over both transports with the same expectation: the plugin answers as the default one does.
describe.each(TRANSPORTS)("responses over $name", (transport) => {
  const client = (options: Record<string, unknown> = {}) => management(transport, origin.origin, { maxRetries: 0, ...options });

  it.each([
    ["gzip", gzipSync],
    ["x-gzip", gzipSync],
    ["deflate", deflateSync],
    ["deflate", deflateRawSync],
    ["br", brotliCompressSync],
  ] as const)("decodes a %s body (%o)", async (coding, compress) => {
    origin.handle(raw(200, { "content-type": "application/json", "content-encoding": coding }, compress(Buffer.from(JSON.stringify(USER)))));
    const { data, rawResponse } = await client().users.get("auth0|1").withRawResponse();
    expect(data).toEqual(USER);
    expect(rawResponse.headers.get("content-encoding")).toBe(coding);
  });

  it("undoes stacked codings last-applied first, and leaves a body with an unknown coding as sent", async () => {
    origin.handle(raw(200, { "content-type": "application/json", "content-encoding": "deflate, gzip" }, gzipSync(deflateSync(Buffer.from(JSON.stringify(USER))))));
    expect(await client().users.get("auth0|1")).toEqual(USER);
    origin.handle(raw(200, { "content-type": "text/plain", "content-encoding": "rot13" }, "plain"));
    const response = await client().fetch("/anything");
    expect(await response.text()).toBe("plain");
  });

  it("decodes a streamed response too (management.fetch)", async () => {
    origin.handle(raw(200, { "content-type": "text/plain", "content-encoding": "gzip" }, gzipSync(Buffer.from("x".repeat(100_000)))));
    const response = await client().fetch("/big");
    expect(await response.text()).toBe("x".repeat(100_000));
  });

  it("gives the status text, every header (a repeated one joined, set-cookie apart), and a non-JSON body as text", async () => {
    origin.handle(raw(200, { "content-type": "application/json", "x-multi": ["a", "b"], "set-cookie": ["c=1", "d=2"] }, JSON.stringify(USER)));
    const { rawResponse } = await client().users.get("auth0|1").withRawResponse();
    expect(rawResponse).toMatchObject({ status: 200, statusText: "OK", redirected: false, type: "basic", url: `${origin.origin}/api/v2/users/auth0%7C1` });
    expect(rawResponse.headers.get("x-multi")).toBe("a, b");
    expect(rawResponse.headers.getSetCookie()).toEqual(["c=1", "d=2"]);

    origin.handle(raw(200, { "content-type": "text/html" }, "<p>not json</p>"));
    const error = await rejectionOf(client().users.get("auth0|1"));
    expect(error).toMatchObject({ statusCode: 200, body: "<p>not json</p>" });
    expect((error as Error).message).toMatch(/not valid JSON/);
  });

  it("a byte-order mark is dropped, as Response.text() drops it", async () => {
    origin.handle(raw(200, { "content-type": "application/json", "content-encoding": "gzip" }, gzipSync(Buffer.from(`\uFEFF${JSON.stringify(USER)}`))));
    expect(await client().users.get("auth0|1")).toEqual(USER);
  });

  it("follows a redirect on the same origin with the same headers, and reports where it ended", async () => {
    origin.handle((request) => (request.path.startsWith("/api/v2/users/") ? { status: 302, body: "", headers: { location: "/api/v2/moved?x=1" } } : json(USER)));
    const { data, rawResponse } = await client().users.get("auth0|1").withRawResponse();
    expect(data).toEqual(USER);
    expect(rawResponse).toMatchObject({ redirected: true, url: `${origin.origin}/api/v2/moved?x=1`, status: 200 });
    expect(origin.requests.map((request) => `${request.method} ${request.path} ${request.headers.authorization}`)).toEqual([
      "GET /api/v2/users/auth0%7C1 Bearer wire-token",
      "GET /api/v2/moved?x=1 Bearer wire-token",
    ]);
  });

  it("turns a POST into a GET without its body on 302 and 303, and keeps both on 307", async () => {
    for (const [status, method, body] of [
      [302, "GET", ""],
      [303, "GET", ""],
      [307, "POST", '{"name":"r"}'],
    ] as const) {
      origin.requests.length = 0;
      origin.handle((request) => (request.path === "/api/v2/roles" ? { status, body: "", headers: { location: "/api/v2/roles-2" } } : json({ id: "r" })));
      await client().roles.create({ name: "r" });
      const second = origin.requests[1]!;
      expect(`${status} ${second.method} ${second.body}`).toBe(`${status} ${method} ${body}`);
      expect(second.headers["content-type"]).toBe(body === "" ? undefined : "application/json");
    }
  });

  it("never takes the token to another origin: a cross-origin redirect is a RedirectError, and the other origin sees nothing", async () => {
    other.handle(() => json(USER));
    origin.handle(() => ({ status: 301, body: "", headers: { location: `${other.origin}/elsewhere` } }));
    const error = await rejectionOf(client().users.get("auth0|1"));
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status: 301, location: `${other.origin}/elsewhere` });
    expect(origin.requests.map((request) => request.headers.authorization)).toEqual(["Bearer wire-token"]);
    expect(other.requests).toEqual([]);
  });

  it("gives up after 20 redirects on the same origin, with a RedirectError", async () => {
    origin.handle(() => ({ status: 302, body: "", headers: { location: `/loop/${origin.requests.length}` } }));
    const error = await rejectionOf(client().users.get("auth0|1"));
    expect(origin.requests).toHaveLength(21);
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toMatch(/redirected more than 20 times/);
  });

  it("returns a redirect without a location as it is", async () => {
    origin.handle(raw(304, {}));
    const response = await client().fetch("/conditional");
    expect(response.status).toBe(304);
    expect(origin.requests).toHaveLength(1);
  });

  describe("maxResponseBytes", () => {
    const body = JSON.stringify({ user_id: "auth0|1", padding: "x".repeat(200) });
    const size = Buffer.byteLength(body);

    it("reads a body of exactly the limit", async () => {
      origin.handle(raw(200, { "content-type": "application/json" }, body));
      expect(await client({ maxResponseBytes: size }).users.get("auth0|1")).toMatchObject({ user_id: "auth0|1" });
    });

    it("refuses a body whose content-length is past the limit, naming the limit and the request", async () => {
      origin.handle(raw(200, { "content-type": "application/json", "content-length": String(size) }, body));
      const error = await rejectionOf(client({ maxResponseBytes: size - 1 }).users.get("auth0|1"));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({ limitBytes: size - 1 });
      expect((error as Error).message).toBe(`The response to GET /users/{id} (content-length ${size}) is larger than the ${size - 1}-byte limit (maxResponseBytes); raise the client's maxResponseBytes option to accept it`);
    });

    it("counts a chunked body while reading it, and stops once past the limit", async () => {
      origin.handle((_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.write(body.slice(0, 100));
        response.end(body.slice(100));
      });
      const error = await rejectionOf(client({ maxResponseBytes: 150 }).users.get("auth0|1"));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect((error as Error).message).toMatch(/^The response to GET \/users\/\{id\} is larger than the 150-byte limit/);
    });

    it("counts a compressed body as it decodes, so a small gzip of a large body is refused", async () => {
      const large = JSON.stringify({ padding: "x".repeat(100_000) });
      origin.handle((_request, response) => {
        response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        response.end(gzipSync(Buffer.from(large)));
      });
      const error = await rejectionOf(client({ maxResponseBytes: 10_000 }).users.get("auth0|1"));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(await client({ maxResponseBytes: 200_000 }).users.get("auth0|1")).toEqual(JSON.parse(large));
    });

    it("leaves streams to the caller (management.fetch reads past the limit)", async () => {
      origin.handle(raw(200, { "content-type": "text/plain" }, "y".repeat(5_000)));
      const response = await client({ maxResponseBytes: 100 }).fetch("/big");
      expect(await response.text()).toBe("y".repeat(5_000));
    });
  });

  it("streams server-sent events as they arrive (events.subscribe)", async () => {
    let push: (text: string) => void = () => undefined;
    let end: () => void = () => undefined;
    origin.handle((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      push = (text) => void response.write(text);
      end = () => void response.end();
      push('data: {"n":1}\n\n');
    });
    const stream = await client({ timeoutInSeconds: 0.2 }).events.subscribe();
    const seen: unknown[] = [];
    for await (const event of stream as AsyncIterable<{ n: number }>) {
      seen.push(event);
      // The next event is sent only once this one was read: a buffered transport would never see it.
      if (event.n < 3) push(`data: {"n":${event.n + 1}}\n\n`);
      else end();
    }
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });
});
