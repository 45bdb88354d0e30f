import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Management, ManagementClient, type PipelineResponse } from "auth0";
import { startLoopbackServer } from "../../../test/helpers/loopback-server.js";
import { managementOver, recordingInstance } from "./support.js";

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => void (server = await startLoopbackServer()));
afterAll(() => server.close());
beforeEach(() => void (server.requests.length = 0));

/** Keep the response the transport produced (the innermost link sees it untouched). */
function capture(client: ManagementClient): PipelineResponse[] {
  const seen: PipelineResponse[] = [];
  client.pipeline.use(
    async (request, next) => {
      const response = await next(request);
      seen.push(response);
      return response;
    },
    { name: "capture", after: "rawResponse" },
  );
  return seen;
}

/** What two transports must agree on. */
function facts(response: PipelineResponse) {
  const { status, statusText, url, redirected, type, body, bodyIsText } = response;
  return { status, statusText, url, redirected, type, body, bodyIsText, contentType: response.headers.get("content-type"), custom: response.headers.get("x-custom") };
}

type Reply = (res: ServerResponse) => void;
const replies: Array<[string, Reply]> = [
  ["JSON", (res) => void res.writeHead(200, { "content-type": "application/json; charset=utf-8", "x-custom": "1" }).end('{"a":[1,2]}')],
  ["an empty 204", (res) => void res.writeHead(204).end()],
  ["a 404 with an Auth0 error body", (res) => void res.writeHead(404, { "content-type": "application/json" }).end('{"statusCode":404,"error":"Not Found"}')],
  ["an HTML error page", (res) => void res.writeHead(502, "Bad Gateway", { "content-type": "text/html" }).end("<html>Bad gateway</html>")],
  ["JSON-looking text with a text type", (res) => void res.writeHead(200, { "content-type": "text/plain" }).end('{"b":2}')],
  ["invalid JSON with a JSON type", (res) => void res.writeHead(200, { "content-type": "application/json" }).end("{nope")],
  ["JSON without a content type", (res) => void res.writeHead(200).end("[1]")],
  ["a UTF-8 body with a byte-order mark", (res) => void res.writeHead(200, { "content-type": "application/json" }).end('\uFEFF{"é":"ü"}')],
];

describe("what the axios fetcher hands up the chain", () => {
  it.each(replies)("reads %s exactly as the default transport does", async (_label, reply) => {
    server.handle((req, res) => {
      if (req.url?.startsWith("/api/v2/users/moved")) return void res.writeHead(302, { location: "/api/v2/users/target" }).end();
      reply(res);
    });
    const viaKy = new ManagementClient({ domain: server.domain, token: "t", maxRetries: 0 });
    const viaAxios = managementOver(recordingInstance().instance, { domain: server.domain, token: "t", maxRetries: 0 });
    const [kySeen, axiosSeen] = [capture(viaKy), capture(viaAxios)];
    for (const client of [viaKy, viaAxios]) {
      await client.users.get("direct").catch(() => undefined);
      await client.users.get("moved").catch(() => undefined);
    }
    expect(axiosSeen.map(facts)).toEqual(kySeen.map(facts));
    expect(axiosSeen[1]).toMatchObject({ redirected: true, url: `${server.domain}/api/v2/users/target` });
  });

  it("returns 200, 204 and 404 as statuses, and retries a 503 through axios", async () => {
    const statuses = [200, 204, 404, 503, 200];
    server.handle((_req, res) => {
      const status = statuses.shift()!;
      const headers: Record<string, string> = status === 204 ? {} : { "content-type": "application/json" };
      if (status === 503) headers["retry-after"] = "0.01";
      res.writeHead(status, headers).end(status === 204 ? undefined : JSON.stringify({ status }));
    });
    const { instance, seen } = recordingInstance();
    const management = managementOver(instance, { domain: server.domain, token: "t" });
    expect(await management.users.get("a")).toEqual({ status: 200 });
    expect(await management.users.delete("b")).toBeUndefined();
    const notFound = await management.users.get("c").catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(Management.NotFoundError);
    expect(notFound).toMatchObject({ statusCode: 404, body: { status: 404 } });
    expect(await management.users.get("d")).toEqual({ status: 200 });
    expect(seen.map((config) => new URL(String(config.url)).pathname)).toEqual([
      "/api/v2/users/a",
      "/api/v2/users/b",
      "/api/v2/users/c",
      "/api/v2/users/d",
      "/api/v2/users/d",
    ]);
  });

  it("hands response headers up as a Headers object: rate limits, repeated set-cookie, the raw response", async () => {
    server.handle((_req, res) => {
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.writeHead(200, { "content-type": "application/json", "x-ratelimit-limit": "50", "x-ratelimit-remaining": "49", "x-ratelimit-reset": "1" }).end("{}");
    });
    const management = managementOver(recordingInstance().instance, { domain: server.domain, token: "t" });
    const seen = capture(management);
    const { rawResponse } = await management.users.get("a").withRawResponse();
    expect(rawResponse.headers).toBeInstanceOf(Headers);
    expect(rawResponse).toMatchObject({ status: 200, statusText: "OK", redirected: false, url: `${server.domain}/api/v2/users/a` });
    expect(rawResponse.headers.get("x-ratelimit-remaining")).toBe("49");
    expect(seen[0]!.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  it("streams a response body as a web ReadableStream (the passthrough fetch)", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first,");
      setTimeout(() => res.end("second"), 20);
    });
    const management = managementOver(recordingInstance().instance, { domain: server.domain, token: "t" });
    const seen = capture(management);
    const response = await management.fetch("/stream");
    expect(seen[0]!.body).toBeInstanceOf(ReadableStream);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("first,second");
  });
});
