import { describe, expect, it } from "vitest";
import type { RateLimitOptions } from "../../src/testing/index.js";
import { managementFetcher, readJson, tenantForTest } from "./support.js";

describe("rate limiting", () => {
  it("puts x-ratelimit headers on every Management API response", async () => {
    const tenant = await tenantForTest();
    const call = managementFetcher(tenant, await tenant.managementToken());
    const ok = await call("/users");
    expect(ok.headers.get("x-ratelimit-limit")).toBe("1000");
    expect(ok.headers.get("x-ratelimit-remaining")).toBe("999");
    expect(Number(ok.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    // The bucket refills at 500/s between requests, so "remaining" is only bounded here.
    const notFound = await call("/users/auth0%7Cnope");
    expect(notFound.status).toBe(404);
    expect(Number(notFound.headers.get("x-ratelimit-remaining"))).toBeLessThanOrEqual(999);
    const unauthenticated = await fetch(`${tenant.managementApiUrl}/users`);
    expect(unauthenticated.headers.get("x-ratelimit-limit")).toBe("1000");
    const discovery = await fetch(`${tenant.domain}/.well-known/openid-configuration`);
    expect(discovery.headers.get("x-ratelimit-limit")).toBe("1000");
  });

  it("answers 429 with retry-after and reset headers once a burst of 10 is spent", async () => {
    // One token every 5 s: the 25 requests would have to take that long for an 11th to get through, on any machine.
    const tenant = await tenantForTest({ rateLimit: { burst: 10, perSecond: 0.2 } });
    const call = managementFetcher(tenant, await tenant.managementToken());
    const responses = await Promise.all(Array.from({ length: 25 }, () => call("/users")));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(11);
    const limited = responses.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(14);

    const first = limited[0];
    if (!first) throw new Error("no 429");
    expect(await readJson(first)).toEqual({
      statusCode: 429,
      error: "Too Many Requests",
      message: "Global limit has been reached",
      errorCode: "too_many_requests",
    });
    expect(first.headers.get("x-ratelimit-limit")).toBe("10");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("0");
    const retryAfter = Number(first.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(5);
    // When the next token comes: after the answer, and no later than retry-after from now.
    const reset = Number(first.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    // By default reset names the second the bucket is full again: at most 10 / 0.2 = 50 s away.
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 50);
    expect(tenant.stats().rateLimited).toBe(limited.length);
  });

  it("refills at the configured rate, on the tenant's clock", async () => {
    let now = Date.UTC(2030, 0, 1, 12, 0, 0, 0);
    const tenant = await tenantForTest({ rateLimit: { burst: 2, perSecond: 10 }, clock: () => now });
    const call = managementFetcher(tenant, await tenant.managementToken());
    await Promise.all([call("/users"), call("/users")]);
    expect((await call("/users")).status).toBe(429);
    now += 99;
    expect((await call("/users")).status).toBe(429);
    now += 1;
    const refilled = await call("/users");
    expect(refilled.status).toBe(200);
    // The request log and the date header follow the same clock.
    expect(refilled.headers.get("date")).toBe(new Date(now).toUTCString());
    expect(tenant.requests.at(-1)?.startedAt.getTime()).toBe(now);
    expect(tenant.requests.at(-2)?.responseHeaders).toMatchObject({ "retry-after": "1", "x-ratelimit-remaining": "0" });
  });

  it("can be reconfigured at run time and is refilled by reset()", async () => {
    const tenant = await tenantForTest();
    tenant.setRateLimit({ burst: 1, perSecond: 0.001 });
    expect(tenant.rateLimit).toEqual({ burst: 1, perSecond: 0.001, reset: "bucket-full", headers: "all", retryAfter: "seconds" });
    const call = managementFetcher(tenant, await tenant.managementToken());
    expect((await call("/users")).status).toBe(200);
    expect((await call("/users")).status).toBe(429);
    tenant.reset();
    expect((await call("/users")).status).toBe(200);
  });

  it("refuses rate limits it cannot honour, naming the option", async () => {
    const tenant = await tenantForTest();
    expect(() => tenant.setRateLimit({ burst: 0, perSecond: 5 })).toThrow(/burst >= 1/);
    expect(() => tenant.setRateLimit({ burst: 10, perSecond: 5, reset: "whenever" as "bucket-full" })).toThrow(/rateLimit.reset/);
    expect(() => tenant.setRateLimit({ burst: 10, perSecond: 5, headers: "some" as "all" })).toThrow(/rateLimit.headers/);
  });
});

/**
 * The six ways a tenant may describe its limit (Auth0 documents `x-ratelimit-reset` only as "the expected time when the
 * rate limit will reset"), each read off the wire on a fake clock: a bucket of 10 refilling at 5 per second.
 */
describe("rate limit behaviours", () => {
  const start = Date.UTC(2030, 0, 1, 12, 0, 0, 300); // 300 ms into a second, 300 ms into a 2 s window
  const startSeconds = Math.floor(start / 1000);

  async function drain(rateLimit: RateLimitOptions) {
    let now = start;
    const tenant = await tenantForTest({ rateLimit, clock: () => now });
    const call = managementFetcher(tenant, await tenant.managementToken());
    const answers: Response[] = [];
    for (let i = 0; i < 11; i++) answers.push(await call("/users"));
    return { tenant, answers, advance: (ms: number) => void (now += ms), call };
  }
  const headersOf = (response: Response | undefined) => Object.fromEntries([...(response?.headers ?? new Headers())].filter(([name]) => name.startsWith("x-ratelimit") || name === "retry-after"));

  it("(a) reset is the second the bucket is full again", async () => {
    const { answers } = await drain({ burst: 10, perSecond: 5, reset: "bucket-full" });
    expect(headersOf(answers[0])).toEqual({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "9", "x-ratelimit-reset": String(startSeconds + 1) });
    // Empty: full again 2 s later, at .3 of a second, so the second after that.
    expect(headersOf(answers[9])).toEqual({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(startSeconds + 3) });
    // Refused: still "full again" for reset; retry-after says when the next token comes.
    expect(answers[10]?.status).toBe(429);
    expect(headersOf(answers[10])).toEqual({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(startSeconds + 3), "retry-after": "1" });
  });

  it("(b) reset is the second the next token arrives, rounded up", async () => {
    const { answers } = await drain({ burst: 10, perSecond: 5, reset: "next-token" });
    expect(headersOf(answers[0])["x-ratelimit-reset"]).toBe(String(startSeconds + 1)); // 300 ms + 200 ms, rounded up
    expect(headersOf(answers[10])).toEqual({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(startSeconds + 1), "retry-after": "1" });
  });

  it("(c) a fixed window of 10 per 2 s, reset at its end", async () => {
    const { answers, advance, call } = await drain({ burst: 10, perSecond: 5, reset: "window-end" });
    const windowEnd = Math.ceil(start / 2000) * 2;
    expect(headersOf(answers[0])).toEqual({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "9", "x-ratelimit-reset": String(windowEnd) });
    expect(headersOf(answers[10])).toEqual({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(windowEnd), "retry-after": "2" });
    advance(windowEnd * 1000 - start - 1); // 1 ms before the window ends: still nothing
    expect((await call("/users")).status).toBe(429);
    advance(1);
    const next = await call("/users");
    expect(headersOf(next)["x-ratelimit-remaining"]).toBe("9");
  });

  it("(d) only retry-after, on a 429", async () => {
    const { answers } = await drain({ burst: 10, perSecond: 5, headers: "retry-after" });
    expect(headersOf(answers[0])).toEqual({});
    expect(headersOf(answers[10])).toEqual({ "retry-after": "1" });
  });

  it("(d') retry-after as an HTTP date on the tenant's clock, rounded up to the second", async () => {
    const { answers } = await drain({ burst: 10, perSecond: 5, headers: "retry-after", retryAfter: "http-date" });
    expect(headersOf(answers[10])).toEqual({ "retry-after": new Date((startSeconds + 1) * 1000).toUTCString() });
  });

  it("(e) only x-ratelimit-*, never retry-after", async () => {
    const { answers } = await drain({ burst: 10, perSecond: 5, headers: "x-ratelimit" });
    expect(answers[10]?.status).toBe(429);
    expect(headersOf(answers[10])).toEqual({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(startSeconds + 3) });
  });

  it("(f) nothing but a bare 429", async () => {
    const { tenant, answers } = await drain({ burst: 10, perSecond: 5, headers: "none" });
    expect(answers.map((answer) => answer.status)).toEqual([...Array.from({ length: 10 }, () => 200), 429]);
    expect(headersOf(answers[0])).toEqual({});
    expect(headersOf(answers[10])).toEqual({});
    expect(tenant.stats().rateLimited).toBe(1);
  });
});
