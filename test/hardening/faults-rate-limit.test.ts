import { describe, expect, it } from "vitest";
import { Management, ManagementError } from "auth0";
import { RateLimitState } from "../../src/plugins/throttle/rate-limit-state.js";
import { countUnhandledRejections, managementFor, NEW_USER, received, settleAll, useTenant } from "./support.js";

/**
 * 429 storms: injected ones carrying Auth0's rate-limit headers (no `Retry-After`, only `X-RateLimit-Reset`), and the
 * tenant's own limiter. The retry link's waits are recorded rather than spent; the throttle's waits are real (it
 * learns the reset from the same headers), so the tests with the default chain run on real time, a second or two each.
 */

countUnhandledRejections();
const tenant = useTenant();

const resetIn = (seconds: number): string => String(Math.ceil(Date.now() / 1000) + seconds);
const emptyBucket = (reset: string) => ({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset });

describe("429 storms", () => {
  it("a storm shorter than maxRetries is waited out until X-RateLimit-Reset, and the call succeeds", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    // Who waits: the throttle holds the retry in its queue while the named reset is ahead, the retry link backs off
    // once it has passed; either way the retry reports its delay.
    const waits: number[] = [];
    client.lifecycle.hook("request:retry", (event) => void waits.push(event.delayMs));
    const user = await client.users.create({ ...NEW_USER, email: "ann@example.com" });
    const reset = resetIn(1);
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, times: 2, fault: { kind: "status", status: 429, headers: emptyBucket(reset) } });

    const { data, rawResponse } = await client.users.get(user.user_id!).withRawResponse();
    expect(data.email).toBe("ann@example.com");
    expect(rawResponse.status).toBe(200);
    expect(rawResponse.headers.get("x-ratelimit-limit")).not.toBeNull(); // the tenant's own headers reach the caller
    expect(received(t, "GET", "/api/v2/users/")).toBe(3);
    // Each wait is the time left to the reset the tenant named (at most 2 s), or, once that moment has passed, the
    // backoff (2 s ± 10% for the second retry); never the 60 s cap.
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait > 0 && wait <= 2400, `wait ${wait} ms`).toBe(true);
  });

  it("a storm that outlasts maxRetries: every one of 20 concurrent callers gets one TooManyRequestsError", async () => {
    const t = tenant();
    // The retry link alone (its waits recorded): the throttle would hold each round until the reset, for nothing here.
    const { client } = managementFor(t, { throttle: false });
    const user = await client.users.create({ ...NEW_USER, email: "bob@example.com" });
    const reset = resetIn(1);
    t.clearRequests();
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, times: Infinity, fault: { kind: "status", status: 429, headers: emptyBucket(reset) } });

    const { fulfilled, rejected } = await settleAll(Array.from({ length: 20 }, () => client.users.get(user.user_id!)));
    expect(fulfilled).toHaveLength(0);
    expect(rejected).toHaveLength(20);
    for (const error of rejected) {
      expect(error).toBeInstanceOf(Management.TooManyRequestsError);
      const typed = error as InstanceType<typeof Management.TooManyRequestsError>;
      expect(typed.statusCode).toBe(429);
      expect(typed.message).toMatch(/^TooManyRequestsError\nStatus code: 429\nBody: /);
      expect(typed.body).toMatchObject({ errorCode: "too_many_requests" });
      expect(typed.rawResponse?.headers.get("x-ratelimit-reset")).toBe(reset);
    }
    // Three attempts each (maxRetries 2), not one more.
    expect(received(t, "GET", "/api/v2/users/")).toBe(60);
  });

  it("the tenant's own limiter (burst 5, 10 per second) against 15 concurrent creates: all succeed, each user created once", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    await client.users.list(); // the token, before the limit is lowered
    t.setRateLimit({ burst: 5, perSecond: 10 });
    t.clearRequests();

    // (Fifteen, not more: a larger burst of concurrent 429s trips the throttle bug pinned at the end of this file.)
    const calls = Array.from({ length: 15 }, (_, i) => client.users.create({ ...NEW_USER, email: `user${i}@example.com` }, { maxRetries: 6 }));
    const { fulfilled, rejected } = await settleAll(calls);
    expect(rejected).toEqual([]);
    expect(new Set(fulfilled.map((user) => user.user_id)).size).toBe(15);
    const posts = t.requests.filter((entry) => entry.method === "POST" && entry.path === "/api/v2/users");
    expect(posts.filter((entry) => entry.status === 201)).toHaveLength(15);
    // Anything else was a 429 the tenant refused without acting: no write was duplicated.
    expect(posts.every((entry) => entry.status === 201 || (entry.status === 429 && entry.rateLimited))).toBe(true);
    t.setRateLimit({ burst: 1000, perSecond: 500 });
  });

  it("a 429 on a POST is replayed (the tenant did not act), and the write happens once", async () => {
    const t = tenant();
    const { client, waits } = managementFor(t, { throttle: false });
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, times: 2, fault: { kind: "status", status: 429, headers: { "retry-after": "1" } } });
    const user = await client.users.create({ ...NEW_USER, email: "carl@example.com" });
    expect(user.email).toBe("carl@example.com");
    expect(received(t, "POST", "/api/v2/users")).toBe(3);
    expect(waits).toEqual([1000, 1000]); // Retry-After, in seconds, wins over any backoff
    expect(t.findUser("carl@example.com")).toBeDefined();
    // The error class when it never clears, for the record: typed, with the status.
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, times: Infinity, fault: { kind: "status", status: 429, headers: { "retry-after": "1" } } });
    const error = await client.users.create({ ...NEW_USER, email: "dora@example.com" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Management.TooManyRequestsError);
    expect((error as ManagementError).statusCode).toBe(429);
    expect(t.findUser("dora@example.com")).toBeUndefined();
  });

  // A regression test: every 429 used to multiply the learned refill rate by 0.9, also the 429s of requests sent before
  // the throttle knew the bucket; 50 of them at once left the queue waiting ~47 s for its first token.
  it("the throttle's wait after a burst of 50 concurrent 429s stays within the tenant's reset", () => {
    const state = new RateLimitState();
    const now = 1_800_000_000_300;
    const headers = (remaining: number, reset: number): Headers =>
      new Headers({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": String(remaining), "x-ratelimit-reset": String(reset) });
    // 60 requests in flight at once, all sent before any answer had taught the throttle anything: 10 are answered 2xx,
    // the bucket draining to 0 (5 tokens a second come back)…
    const tickets = Array.from({ length: 60 }, () => state.take(now));
    // (With 50 still out it waits for their answers, not on a timer.)
    for (let i = 0; i < 10; i++) state.observe(tickets[i]!, 201, headers(9 - i, Math.ceil(now / 1000 + (i + 1) / 5)), now);
    // … and 50 are refused.
    for (let i = 10; i < 60; i++) state.observe(tickets[i]!, 429, headers(0, Math.ceil(now / 1000 + 0.2)), now);
    expect(state.wait(now)).toBeLessThanOrEqual(2_000);
  });
});
