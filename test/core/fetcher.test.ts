import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CustomFetcher, CustomFetcherArgs } from "../../src/transport/custom-fetcher-types.js";
import { ManagementError, ManagementTimeoutError } from "../../src/management/errors.js";
import { retry } from "../../src/middleware/retry.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

const raw = (status: number, headers: Record<string, string> = {}) => ({
  headers: new Headers(headers),
  redirected: false,
  status,
  statusText: "",
  type: "basic" as ResponseType,
  url: "",
});

describe("the default ky transport", () => {
  it("returns error statuses instead of throwing, and leaves retrying to the chain", async () => {
    const scope = nock(ORIGIN).get("/api/v2/things").reply(404, { message: "nope" });
    const { response } = await new TestClient().call();
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: "nope" });
    scope.done();
  });

  it("parses JSON, keeps non-JSON text flagged, and reads an empty body as undefined", async () => {
    nock(ORIGIN)
      .get("/api/v2/things").reply(200, { a: 1 }, { "content-type": "application/json" })
      .get("/api/v2/things").reply(502, "<html>Bad gateway</html>", { "content-type": "text/html" })
      .get("/api/v2/things").reply(204);
    const client = new TestClient({ maxRetries: 0 });
    expect((await client.call()).response.body).toEqual({ a: 1 });
    const html = (await client.call()).response;
    expect(html).toMatchObject({ body: "<html>Bad gateway</html>", bodyIsText: true });
    expect((await client.call()).response.body).toBeUndefined();
  });

  it("hands the chain's signal to fetch itself, never joined to another with AbortSignal.any (which leaks on a long-lived signal)", async () => {
    const any = vi.spyOn(AbortSignal, "any");
    try {
      nock(ORIGIN).get("/api/v2/things").times(3).reply(200, {}).get("/api/v2/things").delay(1000).reply(200, {});
      const client = new TestClient({ maxRetries: 0 });
      const appLifetime = new AbortController();
      for (let i = 0; i < 3; i++) await client.call({ options: { abortSignal: appLifetime.signal } });
      const pending = client.call({ options: { abortSignal: appLifetime.signal } });
      setTimeout(() => appLifetime.abort(), 20);
      await expect(pending).rejects.toMatchObject({ name: "AbortError" });
      expect(any).not.toHaveBeenCalled();
    } finally {
      any.mockRestore();
    }
  });

  it("sends method, headers and body as given", async () => {
    const scope = nock(ORIGIN, { reqheaders: { "content-type": "application/json", "x-one": "1" } })
      .post("/api/v2/things", { name: "n" })
      .reply(201, {});
    await new TestClient().call({
      operation: { method: "POST", path: "/things" },
      headers: { "content-type": "application/json", "x-one": "1" },
      body: JSON.stringify({ name: "n" }),
    });
    scope.done();
  });
});

describe("a custom fetcher with the v5 contract", () => {
  it("receives v5's Fetcher.Args: URL without query, query apart, headers, the body unserialised, maxRetries 0", async () => {
    const calls: CustomFetcherArgs[] = [];
    const fetcher: CustomFetcher = async (args) => {
      calls.push(args);
      return { ok: true, body: { id: "x" }, headers: new Headers(), rawResponse: raw(200) };
    };
    const client = new TestClient({ fetcher, timeoutInSeconds: 5 });
    const { response } = await client.call({
      operation: { method: "POST", path: "/things" },
      query: "a=1&b=x&b=y",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "n" }),
    });
    expect(response.body).toEqual({ id: "x" });
    const args = calls[0]!;
    expect(args).toMatchObject({
      url: `${ORIGIN}/api/v2/things`,
      method: "POST",
      contentType: "application/json",
      queryParameters: { a: "1", b: ["x", "y"] },
      body: { name: "n" },
      timeoutMs: 5000,
      maxRetries: 0,
      requestType: "json",
      responseType: "json",
    });
    expect(args.headers?.authorization).toBe("Bearer test-token");
    expect(args.abortSignal).toBeInstanceOf(AbortSignal);
  });

  it("is honoured (the package we replace drops it), and every middleware still applies: retry on its 503", async () => {
    let attempts = 0;
    const fetcher: CustomFetcher = async () =>
      ++attempts === 1
        ? { ok: false, error: { reason: "status-code", statusCode: 503, body: { message: "busy" } }, rawResponse: raw(503) }
        : { ok: true, body: { done: true }, headers: new Headers(), rawResponse: raw(200, { "x-ratelimit-remaining": "9" }) };
    const client = new TestClient({ fetcher });
    client.pipeline.replace("retry", retry({ sleep: async () => undefined }));
    const { response } = await client.call();
    expect(attempts).toBe(2);
    expect(response.body).toEqual({ done: true });
    expect(response.headers.get("x-ratelimit-remaining")).toBe("9");
  });

  it("maps its timeout and unknown failures to the client's errors", async () => {
    const timeout = new TestClient({ maxRetries: 0, fetcher: async () => ({ ok: false, error: { reason: "timeout" } }) });
    await expect(timeout.call()).rejects.toBeInstanceOf(ManagementTimeoutError);
    const unknown = new TestClient({ maxRetries: 0, fetcher: async () => ({ ok: false, error: { reason: "unknown", errorMessage: "socket closed" } }) });
    await expect(unknown.call()).rejects.toMatchObject({ message: "socket closed" });
    await expect(unknown.call()).rejects.toBeInstanceOf(ManagementError);
  });

  it("passes an error status with its body up the chain", async () => {
    const client = new TestClient({ maxRetries: 0, fetcher: async () => ({ ok: false, error: { reason: "status-code", statusCode: 404, body: { error: "Not Found" } }, rawResponse: raw(404) }) });
    const { response } = await client.call();
    expect(response).toMatchObject({ status: 404, body: { error: "Not Found" } });
  });
});
