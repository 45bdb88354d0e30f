import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ManagementClient, ManagementTimeoutError, RequestAbortedError, RequestTimeoutError, retry, throttle, type PipelineRequest, type PipelineResponse } from "auth0";
import { startMockTenant } from "auth0/testing";
import { setTimer, MAX_TIMER_MS } from "../../../src/internal/timer.js";
import { fakeRequest, fakeResponse } from "../../helpers/pipeline-fakes.js";
import { countRequestsOnTheWire, VirtualClock } from "../../helpers/virtual-clock.js";

/**
 * Issue 14, item 3: the throttle's waits were unbounded — a `retry-after: 86400` or a `reset` an hour ahead stalled
 * every later call of the client that long, and past 2^31 ms the timer overflowed into a 1 ms loop. Every wait is now
 * capped (`maxWaitMs`, default 60 s), ends on the caller's abort or the request's own timeout, and long timers are
 * served in steps. These run on fake timers: no real waiting.
 */

const DAY_S = 86_400;

const request = fakeRequest;
const answer = fakeResponse;

/** A `next` that answers from a list, then 200, and counts the requests that reached it. */
function tenantAnswering(...answers: PipelineResponse[]) {
  const sent: PipelineRequest[] = [];
  const next = async (sentRequest: PipelineRequest): Promise<PipelineResponse> => {
    sent.push(sentRequest);
    return answers.shift() ?? answer(200);
  };
  return { next, sent };
}

/** Settle-tracking for a promise, to look at it without awaiting it. */
function watch<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

beforeEach(() => void vi.useFakeTimers({ now: Date.UTC(2030, 0, 1, 12, 0, 0, 0) }));
afterEach(() => void vi.useRealTimers());

describe("the throttle's waits are capped (issue 14.3)", () => {
  it("a retry-after of a day holds the bucket 60 s, not a day", async () => {
    const link = throttle();
    const { next, sent } = tenantAnswering(answer(429, { "retry-after": String(DAY_S) }));
    await link(request(), next);
    const queued = watch(link(request(), next));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    expect(queued.settled && queued.value?.status).toBe(200);
  });

  it("the cap is an option: maxWaitMs", async () => {
    const link = throttle({ maxWaitMs: 5000 });
    const { next, sent } = tenantAnswering(answer(429, { "retry-after": String(DAY_S) }));
    await link(request(), next);
    watch(link(request(), next));
    await vi.advanceTimersByTimeAsync(4999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    expect(() => throttle({ maxWaitMs: Number.NaN })).toThrow(/maxWaitMs/);
    expect(() => throttle({ maxWaitMs: -1 })).toThrow(/maxWaitMs/);
  });

  it("a reset an hour ahead (a client clock that is off, no date to tell) holds an empty bucket 60 s, not an hour", async () => {
    const inAnHour = String(Math.ceil(Date.now() / 1000) + 3600);
    for (const status of [200, 429]) {
      const link = throttle();
      const { next, sent } = tenantAnswering(answer(status, { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": inAnHour }));
      await link(request(), next);
      watch(link(request(), next));
      await vi.advanceTimersByTimeAsync(59_999);
      expect(sent).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent).toHaveLength(2);
    }
  });

  it("a wait beyond 2^31 ms is honoured, not turned into a 1 ms timer loop", async () => {
    const thirtyDays = 30 * DAY_S * 1000;
    expect(thirtyDays).toBeGreaterThan(MAX_TIMER_MS);
    const link = throttle({ maxWaitMs: thirtyDays });
    const { next, sent } = tenantAnswering(answer(429, { "retry-after": String(30 * DAY_S) }));
    await link(request(), next);
    watch(link(request(), next));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(1); // one timer, not one firing every millisecond
    await vi.advanceTimersByTimeAsync(thirtyDays - 1001);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
  });

  it("setTimer serves a delay past 2^31 − 1 ms in steps, and can be cancelled", async () => {
    const fired: number[] = [];
    setTimer(MAX_TIMER_MS + 5000, () => fired.push(Date.now()));
    const cancel = setTimer(MAX_TIMER_MS * 2, () => fired.push(-1));
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(fired).toHaveLength(1);
    cancel();
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS * 2);
    expect(fired).toHaveLength(1);
  });

  it("the retry link's own waits are capped and overflow-safe too (a custom delay of a month included)", async () => {
    const waits: number[] = [];
    const link = retry({ maxDelayMs: 40 * DAY_S * 1000, random: () => 0.5, sleep: async (ms) => void waits.push(ms) });
    const { next, sent } = tenantAnswering(answer(503, { "retry-after": String(30 * DAY_S) }));
    await link(request({ maxRetries: 1 }), next);
    expect(waits).toEqual([30 * DAY_S * 1000]);
    expect(sent).toHaveLength(2);

    const capped: number[] = [];
    const custom = retry({ delay: () => 30 * DAY_S * 1000, sleep: async (ms) => void capped.push(ms) });
    await custom(request({ maxRetries: 1 }), tenantAnswering(answer(503)).next);
    expect(capped).toEqual([60_000]);

    // And the real sleep, on a month-long wait: no early wake-up.
    const slow = retry({ maxDelayMs: 40 * DAY_S * 1000 });
    const slowTenant = tenantAnswering(answer(503, { "retry-after": String(30 * DAY_S) }));
    watch(slow(request({ maxRetries: 1 }), slowTenant.next));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(slowTenant.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(30 * DAY_S * 1000);
    expect(slowTenant.sent).toHaveLength(2);
    expect(() => retry({ maxDelayMs: Number.POSITIVE_INFINITY })).toThrow(/maxDelayMs/);
  });
});

describe("a wait in the throttle's queue ends on abort or on the request's own timeout (issue 14.3)", () => {
  it("the caller's abort ends the wait at once, with RequestAbortedError, and nothing is sent", async () => {
    const link = throttle();
    const { next, sent } = tenantAnswering(answer(429, { "retry-after": "30" }));
    await link(request(), next);
    const controller = new AbortController();
    const queued = watch(link(request({ signal: controller.signal }), next));
    await vi.advanceTimersByTimeAsync(1000);
    expect(queued.settled).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(queued.error).toBeInstanceOf(RequestAbortedError);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(1);
  });

  it("the request's own timeout ends the wait with RequestTimeoutError, having sent nothing", async () => {
    const link = throttle();
    const { next, sent } = tenantAnswering(answer(429, { "retry-after": "30" }));
    await link(request(), next);
    const queued = watch(link(request({ timeoutMs: 2000 }), next));
    await vi.advanceTimersByTimeAsync(1999);
    expect(queued.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(queued.error).toBeInstanceOf(RequestTimeoutError);
    expect((queued.error as RequestTimeoutError).message).toMatch(/rate limit; nothing was sent/);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(1);
  });
});

describe("through the Management client (mock tenant on loopback, fake time)", () => {
  it("a call queued behind a 429 fails with ManagementTimeoutError after its timeoutInSeconds; the tenant never sees it", async () => {
    vi.useRealTimers();
    const clock = new VirtualClock();
    const tenant = await startMockTenant({ clock: clock.now });
    try {
      const client = new ManagementClient({ domain: tenant.domain, token: await tenant.managementToken(), maxRetries: 0, throttle: { clock } });
      const busy = countRequestsOnTheWire(client.pipeline);
      tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "status", status: 429, headers: { "retry-after": "30" } } });
      await expect(clock.run(client.roles.list(), busy)).rejects.toMatchObject({ statusCode: 429 });
      tenant.clearRequests();
      const started = clock.now();
      const error = await clock.run(client.users.list({}, { timeoutInSeconds: 2 }), busy).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ManagementTimeoutError);
      expect(clock.now() - started).toBe(2000);
      expect(tenant.requests).toEqual([]);
      // The bucket reopens when the tenant said: the next call goes after the 30 s.
      await clock.run(client.users.list(), busy);
      expect(clock.now() - started).toBe(30_000);
      expect(tenant.requests).toHaveLength(1);
    } finally {
      await tenant.close();
    }
  });
});
