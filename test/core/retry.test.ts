import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { retry, RETRY_AT, type RetryOptions } from "../../src/middleware/retry.js";
import { fakeRequest, fakeResponse } from "../helpers/pipeline-fakes.js";
import { ManagementError } from "../../src/management/errors.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

/** A system error as the runtime raises it (nock needs an Error instance to pass it through fetch). */
const networkError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

/** A client whose retry link records its waits instead of spending them. */
function clientWithRecordedWaits(options: RetryOptions = {}, maxRetries?: number) {
  const client = new TestClient(maxRetries === undefined ? {} : { maxRetries });
  const waits: number[] = [];
  client.pipeline.replace(
    "retry",
    retry({ random: () => 0.5, hooks: client.lifecycle, ...options, sleep: async (ms) => void waits.push(ms) }),
  );
  return { client, waits };
}

describe("retry", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries a GET answered %i, up to maxRetries (default 2)", async (status) => {
    const scope = nock(ORIGIN).get("/api/v2/things").times(3).reply(status, {});
    const { client, waits } = clientWithRecordedWaits();
    const { response } = await client.call();
    expect(response.status).toBe(status);
    expect(waits).toHaveLength(2);
    scope.done();
  });

  it("does not retry 4xx other than 408 and 429", async () => {
    const scope = nock(ORIGIN).get("/api/v2/things").reply(404, {});
    const { client, waits } = clientWithRecordedWaits();
    expect((await client.call()).response.status).toBe(404);
    expect(waits).toEqual([]);
    scope.done();
  });

  it("backs off exponentially from 1 s with ±10% jitter", async () => {
    nock(ORIGIN).get("/api/v2/things").times(4).reply(500, {});
    const low = clientWithRecordedWaits({ random: () => 0 }, 3);
    await low.client.call();
    expect(low.waits).toEqual([900, 1800, 3600]);
    nock(ORIGIN).get("/api/v2/things").times(4).reply(500, {});
    const high = clientWithRecordedWaits({ random: () => 0.999999 }, 3);
    await high.client.call();
    expect(high.waits).toEqual([1100, 2200, 4400]);
  });

  it("honours Retry-After in seconds and as an HTTP date, capped at 60 s", async () => {
    const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
    nock(ORIGIN)
      .get("/api/v2/things")
      .reply(429, {}, { "retry-after": "3" })
      .get("/api/v2/things")
      .reply(503, {}, { "retry-after": inFiveSeconds })
      .get("/api/v2/things")
      .reply(429, {}, { "retry-after": "3600" })
      .get("/api/v2/things")
      .reply(200, {});
    const { client, waits } = clientWithRecordedWaits({}, 3);
    await client.call();
    expect(waits[0]).toBe(3000);
    expect(waits[1]).toBeGreaterThan(3000);
    expect(waits[1]).toBeLessThanOrEqual(5000);
    expect(waits[2]).toBe(60_000);
  });

  it("falls back to X-RateLimit-Reset (epoch seconds) with up to +20% jitter", async () => {
    const reset = Math.floor(Date.now() / 1000) + 10;
    nock(ORIGIN).get("/api/v2/things").reply(429, {}, { "x-ratelimit-reset": String(reset) }).get("/api/v2/things").reply(200, {});
    const { client, waits } = clientWithRecordedWaits({ random: () => 1 });
    await client.call();
    const base = reset * 1000 - Date.now();
    expect(waits[0]).toBeGreaterThan(base * 1.15);
    expect(waits[0]).toBeLessThanOrEqual(Math.ceil(base * 1.2) + 1200);
  });

  it("respects per-request maxRetries, and 0 disables retrying", async () => {
    const scope = nock(ORIGIN).get("/api/v2/things").reply(503, {});
    const { client, waits } = clientWithRecordedWaits();
    expect((await client.call({ options: { maxRetries: 0 } })).response.status).toBe(503);
    expect(waits).toEqual([]);
    scope.done();
  });

  it("retries a GET after ECONNRESET (the package we replace never does)", async () => {
    nock(ORIGIN).get("/api/v2/things").replyWithError(networkError("ECONNRESET")).get("/api/v2/things").reply(200, { ok: 1 });
    const { client, waits } = clientWithRecordedWaits();
    const { response } = await client.call();
    expect(response.body).toEqual({ ok: 1 });
    expect(waits).toHaveLength(1);
  });

  it.each(["EPIPE", "ECONNABORTED"])("retries a GET after %s", async (code) => {
    nock(ORIGIN).get("/api/v2/things").replyWithError(networkError(code)).get("/api/v2/things").reply(200, {});
    const { client } = clientWithRecordedWaits();
    expect((await client.call()).response.status).toBe(200);
  });

  describe("non-idempotent requests (POST, PATCH), which the server may already have processed", () => {
    it("are not replayed after a 500, 502 or 504", async () => {
      const scope = nock(ORIGIN).post("/api/v2/things").reply(500, {});
      const { client, waits } = clientWithRecordedWaits();
      const { response } = await client.call({ operation: { method: "POST", path: "/things" }, body: "{}" });
      expect(response.status).toBe(500);
      expect(waits).toEqual([]);
      scope.done();
    });

    it("are not replayed after a connection reset", async () => {
      nock(ORIGIN).patch("/api/v2/things").replyWithError(networkError("ECONNRESET"));
      const { client, waits } = clientWithRecordedWaits();
      await expect(client.call({ operation: { method: "PATCH", path: "/things" }, body: "{}" })).rejects.toBeInstanceOf(ManagementError);
      expect(waits).toEqual([]);
    });

    it.each([408, 429, 503])("are replayed after %i, which says the request was not processed", async (status) => {
      nock(ORIGIN).post("/api/v2/things", { a: 1 }).reply(status, {}).post("/api/v2/things", { a: 1 }).reply(201, { id: "x" });
      const { client } = clientWithRecordedWaits();
      const { response } = await client.call({ operation: { method: "POST", path: "/things" }, body: JSON.stringify({ a: 1 }), headers: { "content-type": "application/json" } });
      expect(response.status).toBe(201);
    });

    it("are replayed after ECONNREFUSED, when nothing was sent", async () => {
      nock(ORIGIN).post("/api/v2/things").replyWithError(networkError("ECONNREFUSED")).post("/api/v2/things").reply(201, {});
      const { client } = clientWithRecordedWaits();
      expect((await client.call({ operation: { method: "POST", path: "/things" }, body: "{}" })).response.status).toBe(201);
    });

    it("follow v5 and replay on any retryable status when retryNonIdempotent is set", async () => {
      nock(ORIGIN).post("/api/v2/things").reply(500, {}).post("/api/v2/things").reply(201, {});
      const { client } = clientWithRecordedWaits({ retryNonIdempotent: true });
      expect((await client.call({ operation: { method: "POST", path: "/things" }, body: "{}" })).response.status).toBe(201);
    });
  });

  it("never replays a body that is a one-shot stream", async () => {
    const scope = nock(ORIGIN).put("/api/v2/things").reply(503, {});
    const { client, waits } = clientWithRecordedWaits();
    const body = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("x")), c.close()) });
    expect((await client.call({ operation: { method: "PUT", path: "/things" }, body })).response.status).toBe(503);
    expect(waits).toEqual([]);
    scope.done();
  });

  it("tells request:retry observers the attempt, reason and delay", async () => {
    nock(ORIGIN).get("/api/v2/things").reply(429, {}, { "retry-after": "2" }).get("/api/v2/things").reply(200, {});
    const { client } = clientWithRecordedWaits();
    const events: unknown[] = [];
    client.lifecycle.hook("request:retry", ({ attempt, reason, delayMs }) => void events.push({ attempt, reason, delayMs }));
    await client.call();
    expect(events).toEqual([{ attempt: 1, reason: { kind: "status", status: 429 }, delayMs: 2000 }]);
  });

  it("stops waiting as soon as the caller aborts", async () => {
    nock(ORIGIN).get("/api/v2/things").reply(503, {}, { "retry-after": "30" });
    const client = new TestClient();
    const controller = new AbortController();
    // Aborted once the 30-second wait has begun: a wait the abort did not end would outlast the test (20 s).
    client.lifecycle.hook("request:retry", () => void setTimeout(() => controller.abort(), 0));
    await expect(client.call({ options: { abortSignal: controller.signal } })).rejects.toMatchObject({ name: "AbortError", message: "The user aborted a request" });
  });
});

describe("retry: waits the throttle holds, and caps", () => {
  const request = () => fakeRequest({ method: "POST", url: `${ORIGIN}/api/v2/things`, maxRetries: 2 });
  const answer = fakeResponse;

  it("sends the retry of a 429 the throttle holds at once (it waits in the throttle's queue) and reports the time left", async () => {
    const now = 1_900_000_000_000;
    const waits: number[] = [];
    const delays: number[] = [];
    const client = new TestClient();
    client.lifecycle.hook("request:retry", (event) => void delays.push(event.delayMs));
    const link = retry({ now: () => now, sleep: async (ms) => void waits.push(ms), hooks: client.lifecycle });
    let calls = 0;
    const response = await link(request(), async (sent) => {
      calls += 1;
      if (calls > 1) return answer(201);
      sent.context[RETRY_AT] = now + 2500;
      return answer(429, { "retry-after": "9" });
    });
    expect(response.status).toBe(201);
    expect(waits).toEqual([]);
    expect(delays).toEqual([2500]);
  });

  it("keeps its own wait for a 429 nobody holds, and for other statuses", async () => {
    const waits: number[] = [];
    const link = retry({ random: () => 0.5, sleep: async (ms) => void waits.push(ms) });
    let calls = 0;
    await link(request(), async () => (++calls === 1 ? answer(429, { "retry-after": "2" }) : calls === 2 ? answer(503) : answer(201)));
    expect(waits).toEqual([2000, 2000]);
  });

  it("caps every wait at maxDelayMs: a custom delay, and X-RateLimit-Reset with its jitter", async () => {
    const now = 1_900_000_000_000;
    const waits: number[] = [];
    await retry({ delay: () => 86_400_000, sleep: async (ms) => void waits.push(ms) })(request(), async () => answer(503));
    await retry({ delay: () => Number.NaN, sleep: async (ms) => void waits.push(ms), maxDelayMs: 1000 })(request(), async () => answer(503));
    const reset = String(Math.ceil((now + 59_000) / 1000));
    await retry({ now: () => now, random: () => 0.999, sleep: async (ms) => void waits.push(ms) })(request(), async () => answer(503, { "x-ratelimit-reset": reset }));
    expect(waits).toEqual([60_000, 60_000, 0, 0, 60_000, 60_000]);
  });
});
