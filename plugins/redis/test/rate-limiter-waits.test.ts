import { ManagementClient, ManagementTimeoutError } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { redisRateLimiter, type RedisRateLimiterOptions } from "auth0/plugins/redis";
import { sleep } from "../sleep.js";
import { describeWithRedis, startRedis, uniquePrefix, type TestRedis } from "./redis-server.js";

/**
 * The fleet's limit waits as the per-process throttle does: a 429 holds this process's requests until the time it
 * names (capped), and no wait outlasts the request's own timeout or overflows the timer. No test here waits on a
 * 429's time: each call either fails at once (its timeout is shorter than the wait) or goes after a tiny cap.
 */
describeWithRedis("redisRateLimiter: its waits", () => {
  let server: TestRedis;
  let redis: Redis;
  let tenant: MockTenant;
  beforeAll(async () => {
    [server, tenant] = await Promise.all([startRedis(), startMockTenant()]);
    redis = server.connect();
  });
  afterAll(async () => {
    await server?.stop();
    await tenant?.close();
  });

  const client = (options: Partial<RedisRateLimiterOptions> & { key: string }) =>
    new ManagementClient({
      domain: tenant.domain,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      maxRetries: 0,
      plugins: [redisRateLimiter(redis, { burst: 10, perSecond: 5, ...options })],
    });

  it("a 429 holds this process's requests until the time it names: a call with a shorter timeout fails at once, unsent", async () => {
    tenant.reset();
    const limited = client({ key: uniquePrefix("limit") });
    await limited.roles.list();
    tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "status", status: 429, headers: { "retry-after": "30" } } });
    await expect(limited.roles.list()).rejects.toMatchObject({ statusCode: 429 });
    tenant.clearRequests();
    const error = await limited.users.list({}, { timeoutInSeconds: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect(String((error as Error).cause)).toMatch(/holds requests for \d+ ms, past the request's 1000 ms timeout; nothing was sent/);
    expect(tenant.requests).toEqual([]);
  });

  it("caps that pause at maxWaitMs: a retry-after of a day holds requests for the cap, then they go", async () => {
    tenant.reset();
    const limited = client({ key: uniquePrefix("limit"), maxWaitMs: 300 });
    await limited.roles.list();
    tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "status", status: 429, headers: { "retry-after": "86400" } } });
    await expect(limited.roles.list()).rejects.toMatchObject({ statusCode: 429 });
    tenant.clearRequests();
    await expect(limited.users.list({}, { timeoutInSeconds: 0.1 })).rejects.toBeInstanceOf(ManagementTimeoutError); // held…
    await limited.users.list(); // …for the cap, not a day
    expect(tenant.requests.map((request) => request.path)).toEqual(["/api/v2/users"]);
    expect(() => client({ key: uniquePrefix("limit"), maxWaitMs: -1 })).toThrow(/maxWaitMs/);
  });

  it("a place in the shared queue further off than the request's timeout fails at once, and is given back", async () => {
    tenant.reset();
    const key = uniquePrefix("limit");
    const limited = client({ key, burst: 2, perSecond: 0.01, headroom: 1 }); // one token, then one per 100 s
    await limited.roles.list();
    tenant.clearRequests();
    const error = await limited.roles.list(undefined, { timeoutInSeconds: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect(tenant.requests).toEqual([]);
    await vi.waitFor(async () => expect(Number(await redis.hget(key, "tokens"))).toBeGreaterThan(-1)); // the place went back
  });
});

describe("redisRateLimiter's sleep", () => {
  afterEach(() => void vi.useRealTimers());

  it("serves a wait past 2^31 − 1 ms in steps instead of waking after 1 ms", async () => {
    vi.useFakeTimers();
    let woke = false;
    const thirtyDays = 30 * 86_400_000;
    void sleep(thirtyDays).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(woke).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(thirtyDays - 1001);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);
  });
});
