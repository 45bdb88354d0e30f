import { ManagementClient, RequestAbortedError, TokenEndpointError, type CachedToken } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { redisTokenCache, SharedTokenError, type RedisTokenCacheOptions } from "auth0/plugins/redis";
import { tokenKeys } from "../token-keys.js";
import { eventually } from "../../../test/helpers/eventually.js";
import { TESTS_COMMAND_TIMEOUT_MS, describeWithRedis, startRedis, uniquePrefix, type TestRedis } from "./redis-server.js";

const HOUR = 3_600_000;
const token = (accessToken: string, lifetimeMs = HOUR): CachedToken => ({ accessToken, expiresAt: Date.now() + lifetimeMs });
const anyToken = { isFresh: () => true };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fetch the test finishes when it wants, counting its calls. */
function controlledFetch() {
  let finish: (result: CachedToken | Error) => void = () => undefined;
  const fetch = Object.assign(
    () => {
      fetch.calls += 1;
      return new Promise<CachedToken>((resolve, reject) => {
        finish = (result) => (result instanceof Error ? reject(result) : resolve(result));
      });
    },
    { calls: 0 },
  );
  return { fetch, finish: (result: CachedToken | Error) => finish(result) };
}

/** A fetch that answers at once, counting its calls. */
function countingFetch(accessToken: string) {
  const fetch = Object.assign(async () => ((fetch.calls += 1), token(accessToken)), { calls: 0 });
  return fetch;
}

describeWithRedis("redisTokenCache: one token for every process, fetched by one of them", () => {
  let server: TestRedis;
  let redis: Redis;
  let tenant: MockTenant;
  let prefix: string;
  beforeAll(async () => {
    [server, tenant] = await Promise.all([startRedis(), startMockTenant()]);
    redis = server.connect();
  });
  afterAll(async () => {
    await server?.stop();
    await tenant?.close();
  });
  beforeEach(() => {
    prefix = uniquePrefix("cache");
    tenant.reset();
  });

  /** A cache as one process of the fleet would make it: its own connection, the shared prefix. */
  const processCache = (options: RedisTokenCacheOptions = {}) => redisTokenCache(server.connect(), { prefix, commandTimeoutMs: TESTS_COMMAND_TIMEOUT_MS, ...options });
  const fleetClient = (cache = processCache(), secret = tenant.clientSecret) =>
    new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: secret, tokenCache: cache });
  const keys = (cacheKey = "k") => tokenKeys(prefix, cacheKey);
  /** A lock as a holder that died would leave it. */
  const deadHoldersLock = (ttlMs: number) => redis.set(keys().lock, "dead-holder", "PX", ttlMs);

  it("stores under the core's own cache key, braced as a Redis Cluster hash tag, after the prefix", async () => {
    await fleetClient().roles.list();
    const stored = await redis.keys(`${prefix}*`);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.startsWith(`${prefix}{auth0:token:${tenant.domain}:${tenant.clientId}:${tenant.domain}/api/v2/:`)).toBe(true);
    expect(stored[0]).toMatch(/:[0-9a-f]{16}\}$/);
  });

  it(`"A cached token is never shared between different credentials, and a cache key never contains one": two secrets, two tokens in Redis, no secret in a key`, async () => {
    await fleetClient().roles.list();
    await expect(fleetClient(processCache(), "revoked-secret").roles.list()).rejects.toBeInstanceOf(TokenEndpointError);
    // The right secret's token was in Redis, yet the wrong secret's client asked the tenant itself (and was refused).
    expect(tenant.stats().tokenRequests).toBe(2);
    for (const key of await redis.keys(`${prefix}*`)) {
      expect(key).not.toContain(tenant.clientSecret);
      expect(key).not.toContain("revoked-secret");
    }
  });

  it("makes one token request for 8 clients, each with its own provider and connection, × 25 concurrent first calls", async () => {
    const clients = Array.from({ length: 8 }, () => fleetClient());
    const results = await Promise.allSettled(clients.flatMap((client) => Array.from({ length: 25 }, () => client.roles.list())));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(tenant.stats().tokenRequests).toBe(1);
    expect(await redis.keys(`${prefix}*lock`)).toEqual([]); // released by the holder once its token is stored
  });

  it("tells token:refreshed observers in the process that fetched, and only there", async () => {
    const clients = Array.from({ length: 4 }, () => fleetClient());
    const events: number[] = [];
    clients.forEach((client, index) => client.lifecycle.hook("token:refreshed", () => void events.push(index)));
    await Promise.all(clients.map((client) => client.roles.list()));
    expect(events).toHaveLength(1);
  });

  it("stores the token with a TTL that ends refreshAheadMs before the token, and hands out the matching expiry", async () => {
    const stored = token("abc", HOUR);
    await processCache({ refreshAheadMs: 60_000 }).set("k", stored);
    const ttl = await redis.pttl(keys().token);
    expect(ttl).toBeGreaterThan(HOUR - 60_000 - 1_000);
    expect(ttl).toBeLessThanOrEqual(HOUR - 60_000);
    for (const read of [await processCache().get("k"), await processCache().getOrFetch("k", countingFetch("unused"), anyToken)]) {
      expect(read?.accessToken).toBe("abc");
      expect(Math.abs(read!.expiresAt - stored.expiresAt)).toBeLessThan(1_000);
    }
  });

  it("keeps at least half of a short-lived token's lifetime in Redis", async () => {
    await processCache({ refreshAheadMs: 60_000 }).set("k", token("short", 30_000));
    const ttl = await redis.pttl(keys().token);
    expect(ttl).toBeGreaterThan(14_000);
    expect(ttl).toBeLessThanOrEqual(15_000);
  });

  it("has no side effects in get: a miss takes no lock", async () => {
    expect(await processCache().get("k")).toBeUndefined();
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });

  it("fetches under a short-lived lock on a miss; another process waits, then returns what the holder stored", async () => {
    const holder = controlledFetch();
    const waiterFetch = countingFetch("never");
    const holding = processCache({ lockTtlMs: 5_000 }).getOrFetch("k", holder.fetch, anyToken);
    await eventually(() => expect(holder.fetch.calls).toBe(1)); // it holds the lock once it fetches
    const lockTtl = await redis.pttl(keys().lock);
    expect(lockTtl).toBeGreaterThan(4_000);
    expect(lockTtl).toBeLessThanOrEqual(5_000);
    const waiting = processCache({ pollIntervalMs: 10 }).getOrFetch("k", waiterFetch, anyToken);
    await pause(50);
    holder.finish(token("fetched-once"));
    expect((await holding).accessToken).toBe("fetched-once");
    expect((await waiting).accessToken).toBe("fetched-once");
    expect([holder.fetch.calls, waiterFetch.calls]).toEqual([1, 0]);
    expect(await redis.exists(keys().lock)).toBe(0);
  });

  it("counts a stored token the provider finds stale as missing: one process renews it, the others wait for the new one", async () => {
    await processCache().set("k", token("old"));
    const notOld = { isFresh: (candidate: CachedToken) => candidate.accessToken !== "old" };
    const fetches = Array.from({ length: 4 }, () => countingFetch("new"));
    const tokens = await Promise.all(fetches.map((fetch) => processCache({ pollIntervalMs: 10 }).getOrFetch("k", fetch, notOld)));
    expect(tokens.map((read) => read.accessToken)).toEqual(["new", "new", "new", "new"]);
    expect(fetches.reduce((sum, fetch) => sum + fetch.calls, 0)).toBe(1);
  });

  it("lets a waiting process take over when the holder dies (its lock expires)", async () => {
    await deadHoldersLock(300);
    // What the lock was when the waiter fetched: its own, so the dead holder's had expired (a state, not a duration).
    let lockAtFetch: string | null = "unread";
    const fetch = Object.assign(async () => ((fetch.calls += 1), (lockAtFetch = await redis.get(keys().lock)), token("successor")), { calls: 0 });
    expect((await processCache({ pollIntervalMs: 20 }).getOrFetch("k", fetch, anyToken)).accessToken).toBe("successor");
    expect(lockAtFetch).not.toBe("dead-holder");
    expect(lockAtFetch).not.toBeNull();
    expect(fetch.calls).toBe(1);
    expect(await redis.exists(keys().lock)).toBe(0);
  });

  it("does not let a holder whose lock expired release the lock its successor took", async () => {
    const slow = controlledFetch();
    const successor = controlledFetch();
    const slowCall = processCache({ lockTtlMs: 100 }).getOrFetch("k", slow.fetch, anyToken);
    await pause(20);
    const successorCall = processCache({ pollIntervalMs: 10 }).getOrFetch("k", successor.fetch, anyToken);
    while (successor.fetch.calls === 0) await pause(10); // the slow holder's lock expired, and the successor took it
    const successorsLock = await redis.get(keys().lock);
    slow.finish(token("late"));
    await slowCall;
    expect(await redis.get(keys().lock)).toBe(successorsLock);
    successor.finish(token("successor"));
    await successorCall;
    expect(await redis.exists(keys().lock)).toBe(0);
  });

  it("gives up waiting after maxWaitMs and fetches itself", async () => {
    // A lock that outlives the test: only giving up after maxWaitMs gets the waiter its token in time.
    await deadHoldersLock(60_000);
    const fetch = countingFetch("own");
    expect((await processCache({ pollIntervalMs: 20, maxWaitMs: 200 }).getOrFetch("k", fetch, anyToken)).accessToken).toBe("own");
    expect(fetch.calls).toBe(1);
    expect((await processCache().get("k"))?.accessToken).toBe("own");
  });

  it("ends the wait at once when options.signal aborts", async () => {
    // A lock that outlives the test: only the abort can end this wait in time.
    await deadHoldersLock(60_000);
    const controller = new AbortController();
    const fetch = countingFetch("never");
    const waiting = processCache({ pollIntervalMs: 20 }).getOrFetch("k", fetch, { ...anyToken, signal: controller.signal });
    await pause(60);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(RequestAbortedError);
    expect(fetch.calls).toBe(0);
  });

  it("passes the holder's failure on: the holder rethrows its own error, the waiting processes get a SharedTokenError", async () => {
    const holder = controlledFetch();
    const holding = processCache().getOrFetch("k", holder.fetch, anyToken);
    await eventually(() => expect(holder.fetch.calls).toBe(1)); // it holds the lock
    // Settled from the start: a waiting process may see the failure before the holder's rejection is awaited below.
    const waiting = Promise.allSettled(
      Array.from({ length: 3 }, () => processCache({ pollIntervalMs: 10 }).getOrFetch("k", countingFetch("never"), anyToken)),
    );
    await pause(30);
    const refused = Object.assign(new Error("Unauthorized"), { statusCode: 401, error: "access_denied", error_description: "Unauthorized" });
    holder.finish(refused);
    await expect(holding).rejects.toBe(refused);
    for (const result of await waiting) {
      expect(result).toMatchObject({ status: "rejected", reason: { name: "SharedTokenError", reason: "401 access_denied: Unauthorized" } });
    }
    expect(await redis.exists(keys().lock)).toBe(0);
  });

  it("fails the waiting clients at once with the holder's error when its token request is refused", async () => {
    // The holder's token request is slow (and refused), so the others are surely waiting when it fails.
    tenant.faults.inject({ match: { method: "POST", path: "/oauth/token" }, fault: { kind: "latency", ms: 1_000 } });
    // A lock that outlives the test: waiters that did not fail at once would wait past the test's timeout.
    const holder = fleetClient(processCache({ lockTtlMs: 60_000 }), "wrong-secret");
    const waiters = Array.from({ length: 3 }, () => fleetClient(processCache({ pollIntervalMs: 10, lockTtlMs: 60_000 }), "wrong-secret"));
    const holderCall = Promise.allSettled([holder.roles.list()]);
    await eventually(async () => expect(await redis.keys(`${prefix}*lock`)).toHaveLength(1)); // the holder has the lock
    const waiterCalls = Promise.allSettled(waiters.map((client) => client.roles.list()));
    const results = [...(await holderCall), ...(await waiterCalls)];
    expect(results[0]).toMatchObject({ status: "rejected", reason: expect.any(TokenEndpointError) });
    for (const result of results.slice(1)) {
      expect(result).toMatchObject({ status: "rejected", reason: expect.any(SharedTokenError) });
      expect((result as PromiseRejectedResult).reason.message).toMatch(/401 access_denied/);
    }
    expect(tenant.stats().tokenRequests).toBe(1);
    expect(await redis.keys(`${prefix}*lock`)).toEqual([]);
  });

  it("also passes on a token request that fails without an answer (connection reset)", async () => {
    tenant.faults.inject({ match: { method: "POST", path: "/oauth/token" }, times: 3, fault: { kind: "reset", when: "before-body" } }); // retried twice, then fails
    await expect(fleetClient().roles.list()).rejects.toThrow();
    expect(await redis.keys(`${prefix}*lock`)).toEqual([]);
    const [failure] = await redis.keys(`${prefix}*:failed`);
    expect(await redis.hget(failure!, "reason")).toMatch(/Error/);
  });

  it("starts afresh after a failure: the next call takes the lock and fetches", async () => {
    await expect(fleetClient(processCache(), "wrong-secret").roles.list()).rejects.toBeInstanceOf(TokenEndpointError);
    await fleetClient(processCache()).roles.list();
    expect(tenant.stats().tokenRequests).toBe(2);
  });

  it("after a 401, replaces the rejected token once for everyone, and never deletes a successor's token", async () => {
    const [a, b] = [fleetClient(), fleetClient()];
    await a.roles.list();
    await b.roles.list();
    expect(tenant.stats().tokenRequests).toBe(1);
    const refuseNextCall = () => tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "status", status: 401 } });
    refuseNextCall();
    await a.roles.list(); // 401 → a drops the token, fetches a new one, replays
    refuseNextCall();
    await b.roles.list(); // 401 → b's delete finds a's new token stored, leaves it, and reads it
    expect(tenant.stats().tokenRequests).toBe(2);
  });

  it("deletes only the token it is given (compare-and-delete), or whatever is stored when given none", async () => {
    const cache = processCache();
    await cache.set("k", token("current"));
    await cache.delete("k", "rejected-earlier");
    expect((await cache.get("k"))?.accessToken).toBe("current");
    await cache.delete("k", "current");
    expect(await cache.get("k")).toBeUndefined();
    await cache.set("k", token("current"));
    await cache.delete("k");
    expect(await cache.get("k")).toBeUndefined();
  });

  it("behaves as an empty cache when Redis fails, reporting the error, so calls still succeed", async () => {
    const broken = server.connect();
    await broken.quit();
    const errors: string[] = [];
    const cache = redisTokenCache(broken, { prefix, onError: (_error, operation) => void errors.push(operation) });
    await fleetClient(cache).roles.list();
    expect(errors).toEqual(["get", "set"]);
    expect(tenant.stats().tokenRequests).toBe(1);
  });
});
