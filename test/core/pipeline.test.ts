import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { PipelineMiddleware } from "../../src/core/pipeline.js";
import { retry } from "../../src/middleware/retry.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

/** Put a recorder in front of every built-in link: it notes the link name and the attempt, then passes on. */
function recordLinks(client: TestClient, seen: string[]): void {
  const names = client.pipeline.names;
  for (const name of names) {
    client.pipeline.use(
      async (request, next) => {
        seen.push(`${name}#${request.attempt}`);
        return next(request);
      },
      { name: `spy:${name}`, before: name },
    );
  }
}

describe("the middleware chain", () => {
  it("has the built-in links in the documented order, outermost first", () => {
    const client = new TestClient();
    expect(client.pipeline.names).toEqual(["auth", "customDomain", "retry", "timeout", "logging", "rawResponse"]);
  });

  it("runs every link in order for each attempt, and the links below retry again on a retried request", async () => {
    nock(ORIGIN).get("/api/v2/things").reply(503, { message: "busy" }).get("/api/v2/things").reply(200, { ok: true });
    const client = new TestClient();
    client.pipeline.replace("retry", retry({ sleep: async () => undefined }));
    const seen: string[] = [];
    recordLinks(client, seen);
    const { response } = await client.call();
    expect(response.status).toBe(200);
    expect(seen).toEqual([
      "auth#0",
      "customDomain#0",
      "retry#0",
      "timeout#0",
      "logging#0",
      "rawResponse#0",
      "timeout#1",
      "logging#1",
      "rawResponse#1",
    ]);
  });

  it("places user middleware before or after a named link, and outermost by default", () => {
    const client = new TestClient();
    const noop: PipelineMiddleware = (request, next) => next(request);
    client.pipeline.use(noop, { name: "outer" });
    client.pipeline.use(noop, { name: "afterAuth", after: "auth" });
    client.pipeline.use(noop, { name: "beforeFetch", after: "rawResponse" });
    client.pipeline.use(noop, { name: "beforeRetry", before: "retry" });
    expect(client.pipeline.names).toEqual([
      "outer",
      "auth",
      "afterAuth",
      "customDomain",
      "beforeRetry",
      "retry",
      "timeout",
      "logging",
      "rawResponse",
      "beforeFetch",
    ]);
  });

  it("accepts middleware at construction and at runtime, and the returned function removes it", async () => {
    const calls: string[] = [];
    const tag =
      (label: string): PipelineMiddleware =>
      async (request, next) => {
        calls.push(label);
        return next(request);
      };
    const client = new TestClient({ middleware: [tag("ctor"), { name: "placed", after: "timeout", middleware: tag("placed") }] });
    const remove = client.pipeline.use(tag("runtime"), { before: "auth" });
    nock(ORIGIN).get("/api/v2/things").times(2).reply(200, {});
    await client.call();
    expect(calls).toEqual(["ctor", "runtime", "placed"]);
    remove();
    calls.length = 0;
    await client.call();
    expect(calls).toEqual(["ctor", "placed"]);
  });

  it("lets a named link be replaced or removed", async () => {
    const client = new TestClient();
    const seen: string[] = [];
    client.pipeline.replace("auth", async (request, next) => {
      request.headers.authorization = "Bearer replaced";
      seen.push("replacement");
      return next(request);
    });
    const scope = nock(ORIGIN, { reqheaders: { authorization: "Bearer replaced" } }).get("/api/v2/things").reply(200, {});
    await client.call();
    expect(seen).toEqual(["replacement"]);
    scope.done();

    client.pipeline.remove("logging");
    expect(client.pipeline.names).not.toContain("logging");
  });

  it("rejects unknown anchors, duplicate names and conflicting placement with a clear error", () => {
    const client = new TestClient();
    const noop: PipelineMiddleware = (request, next) => next(request);
    expect(() => client.pipeline.use(noop, { before: "nope" })).toThrow(/No middleware named "nope"/);
    expect(() => client.pipeline.use(noop, { name: "auth" })).toThrow(/already in the chain/);
    expect(() => client.pipeline.use(noop, { before: "auth", after: "retry" })).toThrow(/not both/);
    expect(() => client.pipeline.remove("nope")).toThrow(/No middleware named/);
  });

  it("lets a middleware short-circuit the chain and change the response", async () => {
    const client = new TestClient();
    client.pipeline.use(async () => ({
      status: 200,
      statusText: "OK",
      headers: new Headers({ "x-cached": "1" }),
      url: "",
      redirected: false,
      type: "default",
      body: { cached: true },
    }));
    const { response } = await client.call();
    expect(response.body).toEqual({ cached: true });
  });
});
