import { ManagementClient, ManagementTimeoutError, type Logger } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { redisRateLimiter, redisTokenCache, type RedisRateLimiterOptions } from "auth0/plugins/redis";
import { sleep } from "../sleep.js";
import { spawnFleetProcess, type FleetProcess } from "./fleet.js";
import { rateFigures } from "./rate-windows.js";
import { eventually } from "../../../test/helpers/eventually.js";
import { TESTS_COMMAND_TIMEOUT_MS, describeWithRedis, startRedis, uniquePrefix, type TestRedis } from "./redis-server.js";

const LIMIT = { burst: 10, perSecond: 5 };

describeWithRedis("redisRateLimiter: one rate limit for the whole fleet", () => {
  let server: TestRedis;
  let redis: Redis;
  let tenant: MockTenant;
  const spawned: FleetProcess[] = [];
  beforeAll(async () => {
    [server, tenant] = await Promise.all([startRedis(), startMockTenant()]);
    redis = server.connect();
  });
  afterEach(async () => void (await Promise.all(spawned.splice(0).map((child) => child.kill()))));
  afterAll(async () => {
    await server?.stop();
    await tenant?.close();
  });

  const limitedClient = (options: Partial<RedisRateLimiterOptions> & { key: string }, extra: { logger?: Logger; maxRetries?: number } = {}) =>
    new ManagementClient({
      domain: tenant.domain,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      tokenCache: redisTokenCache(redis, { prefix: options.key, commandTimeoutMs: TESTS_COMMAND_TIMEOUT_MS }),
      plugins: [redisRateLimiter(redis, { ...LIMIT, commandTimeoutMs: TESTS_COMMAND_TIMEOUT_MS, ...options })],
      ...(extra.logger ? { logging: { level: "warn" as const, logger: extra.logger } } : {}),
      ...(extra.maxRetries !== undefined ? { maxRetries: extra.maxRetries } : {}),
    });

  /** Both buckets full at the start of the measurement: the tenant's first, then ours (so ours is never ahead). */
  const freshBuckets = async (key: string) => {
    tenant.setRateLimit(LIMIT);
    await redis.del(key);
    tenant.clearRequests();
  };

  const managementArrivals = () => tenant.requests.filter((request) => request.path.startsWith("/api/v2/")).map((request) => request.startedAt.getTime());

  it("sits inside retry and above timeout, in place of the per-process throttle (or beside it, on request)", () => {
    const key = uniquePrefix("limit");
    expect(limitedClient({ key }).pipeline.names).toEqual(["auth", "customDomain", "retry", "redisRateLimiter", "timeout", "logging", "rawResponse"]);
    expect(limitedClient({ key, keepThrottle: true }).pipeline.names).toContain("throttle");
    const both = limitedClient({ key, keepThrottle: true }).pipeline.names;
    expect(both.slice(both.indexOf("retry"), both.indexOf("timeout"))).toEqual(["retry", "redisRateLimiter", "throttle"]);
  });

  it("keeps 3 clients with 6 concurrent calls each within the tenant's 10 + 5/s: no 429, every window within the bucket", async () => {
    tenant.reset();
    const key = uniquePrefix("limit");
    const clients = Array.from({ length: 3 }, () => limitedClient({ key }));
    await Promise.all(clients.map((client) => client.roles.list())); // tokens first
    await freshBuckets(key);
    const started = Date.now();
    await Promise.all(clients.flatMap((client) => Array.from({ length: 6 }, () => client.roles.list())));
    const seconds = (Date.now() - started) / 1000;
    expect(tenant.stats().rateLimited).toBe(0);
    const figures = rateFigures(managementArrivals(), LIMIT);
    expect(figures.requests).toBe(18);
    // Within the tenant's bucket in every window, with no tolerance: the one token of headroom absorbs arrival jitter.
    expect(figures.worstExcess).toBeLessThanOrEqual(0);
    const minimum = (18 - (LIMIT.burst - 1)) / LIMIT.perSecond;
    expect(seconds).toBeGreaterThan(minimum - 0.3); // it waited: the limit was the limit…
    expect(seconds).toBeLessThan(minimum * 1.25); // …and no more
  });

  it(`keeps 4 processes hammering one tenant within 10 + 5/s together: no 429, every window within the bucket`, async () => {
    tenant.reset();
    const key = uniquePrefix("limit");
    const calls = 8;
    const children = Array.from({ length: 4 }, () => {
      const child = spawnFleetProcess({
        role: "burst",
        redisUrl: server.url,
        prefix: key,
        domain: tenant.domain,
        clientId: tenant.clientId,
        clientSecret: tenant.clientSecret,
        calls,
        concurrency: 5,
        rateLimit: { ...LIMIT, key },
      });
      spawned.push(child);
      return child;
    });
    await Promise.all(children.map((child) => child.next("ready")));
    await freshBuckets(key);
    for (const child of children) child.go();
    const results = await Promise.all(children.map((child) => child.next("done")));
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ event: "done", ok: calls, failed: [] })));
    expect(tenant.stats().rateLimited).toBe(0);
    const figures = rateFigures(managementArrivals(), LIMIT);
    expect(figures.requests).toBe(4 * calls);
    expect(figures.worstExcess).toBeLessThanOrEqual(0);
    expect(figures.sustainedPerSecond).toBeLessThanOrEqual(LIMIT.perSecond * 1.1);
  }, 30_000);

  it("stops waiting at once when the call is aborted, and gives its place back", async () => {
    const key = uniquePrefix("limit");
    const client = limitedClient({ key, burst: 1, perSecond: 0.5 });
    await client.roles.list(); // the token, and the only token of the bucket
    const controller = new AbortController();
    const call = client.roles.list(undefined, { abortSignal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    // Not ended by the abort, the wait would end in success when the next token comes (2 s), not in a rejection.
    await expect(call).rejects.toMatchObject({ name: expect.stringMatching(/Abort/) });
    // The freed place is the next one: one token owed, not two. (The give-back is sent in the background: polled.)
    await eventually(async () => expect(Number(await redis.hget(key, "tokens"))).toBeGreaterThan(-1));
  });

  it("empties the shared bucket when a 429 slips through (another app spends the same limit)", async () => {
    tenant.reset();
    const key = uniquePrefix("limit");
    const client = limitedClient({ key }, { maxRetries: 0 });
    await client.roles.list();
    tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "status", status: 429 } });
    await expect(client.roles.list()).rejects.toMatchObject({ statusCode: 429 });
    await eventually(async () => expect(Number(await redis.hget(key, "tokens"))).toBeLessThan(1)); // sent in the background
  });

  it("leaves token requests out of the Management API's bucket", async () => {
    tenant.reset();
    const key = uniquePrefix("limit");
    await limitedClient({ key }).roles.list();
    expect(Number(await redis.hget(key, "tokens"))).toBeCloseTo(LIMIT.burst - 1 - 1, 0); // one call, one token of headroom
  });

  it("sends without the limit when Redis fails (logging a warning), or fails the call if asked to", async () => {
    tenant.reset();
    const broken = server.connect();
    await broken.quit();
    const warnings: string[] = [];
    const logger: Logger = { debug: () => undefined, info: () => undefined, warn: (message: string) => void warnings.push(message), error: () => undefined };
    const build = (onRedisError: "send" | "fail") =>
      new ManagementClient({
        domain: tenant.domain,
        clientId: tenant.clientId,
        clientSecret: tenant.clientSecret,
        plugins: [redisRateLimiter(broken, { ...LIMIT, onRedisError })],
        logging: { level: "warn", logger },
      });
    await build("send").roles.list();
    expect(warnings.some((line) => line.includes("shared rate limit"))).toBe(true);
    await expect(build("fail").roles.list()).rejects.toThrow(/Connection is closed/);
  });

  // Its waits, as the per-process throttle's: a 429 holds this process until the time it names (capped), and no wait
  // outlasts the request's own timeout. No test waits on a 429's time: a call fails at once or goes after a tiny cap.
  it("holds this process's requests until the time a 429 names: a call with a shorter timeout fails at once, unsent", async () => {
    tenant.reset();
    const client = limitedClient({ key: uniquePrefix("limit") }, { maxRetries: 0 });
    await client.roles.list();
    tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "status", status: 429, headers: { "retry-after": "30" } } });
    await expect(client.roles.list()).rejects.toMatchObject({ statusCode: 429 });
    tenant.clearRequests();
    const error = await client.users.list({}, { timeoutInSeconds: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect(String((error as Error).cause)).toMatch(/holds requests for \d+ ms, past the request's 1000 ms timeout; nothing was sent/);
    expect(tenant.requests).toEqual([]);
  });

  it("caps that hold at maxWaitMs: a retry-after of a day holds requests for the cap, then they go", async () => {
    tenant.reset();
    const client = limitedClient({ key: uniquePrefix("limit"), maxWaitMs: 300 }, { maxRetries: 0 });
    await client.roles.list();
    tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "status", status: 429, headers: { "retry-after": "86400" } } });
    await expect(client.roles.list()).rejects.toMatchObject({ statusCode: 429 });
    tenant.clearRequests();
    await expect(client.users.list({}, { timeoutInSeconds: 0.1 })).rejects.toBeInstanceOf(ManagementTimeoutError); // held…
    await client.users.list(); // …for the cap, not a day
    expect(tenant.requests.map((request) => request.path)).toEqual(["/api/v2/users"]);
    expect(() => limitedClient({ key: uniquePrefix("limit"), maxWaitMs: -1 })).toThrow(/maxWaitMs/);
  });

  it("fails a call whose place in the shared queue is further off than its timeout at once, and gives the place back", async () => {
    tenant.reset();
    const key = uniquePrefix("limit");
    const client = limitedClient({ key, burst: 2, perSecond: 0.01, headroom: 1 }, { maxRetries: 0 }); // one token, then one per 100 s
    await client.roles.list();
    tenant.clearRequests();
    const error = await client.roles.list(undefined, { timeoutInSeconds: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect(tenant.requests).toEqual([]);
    await vi.waitFor(async () => expect(Number(await redis.hget(key, "tokens"))).toBeGreaterThan(-1));
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
