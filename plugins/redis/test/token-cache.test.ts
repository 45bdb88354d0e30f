import { ManagementClient, TokenEndpointError } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { redisTokenCache, SharedTokenError, type RedisTokenCacheOptions } from "auth0/plugins/redis";
import { managementTokenCacheKey, tokenKeys } from "../token-keys.js";
import { describeWithRedis, startRedis, uniquePrefix, type TestRedis } from "./redis-server.js";

const HOUR = 3_600_000;
const token = (accessToken: string, lifetimeMs = HOUR) => ({ accessToken, expiresAt: Date.now() + lifetimeMs });

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
  const processCache = (options: RedisTokenCacheOptions = {}) => redisTokenCache(server.connect(), { prefix, ...options });
  const fleetClient = (cache = processCache(), secret = tenant.clientSecret) =>
    new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: secret, tokenCache: cache, plugins: [cache.plugin] });

  it("stores under the core's own cache key, braced as a Redis Cluster hash tag, after the prefix", async () => {
    await fleetClient().roles.list();
    const expected = tokenKeys(prefix, managementTokenCacheKey(tenant.domain, tenant.clientId, `${tenant.domain}/api/v2/`));
    expect(await redis.keys(`${prefix}*`)).toEqual([expected.token]);
    expect(expected.token).toBe(`${prefix}{auth0:token:${tenant.domain}:${tenant.clientId}:${tenant.domain}/api/v2/}`);
  });

  it("makes one token request for 8 clients, each with its own provider and connection, × 25 concurrent first calls", async () => {
    const clients = Array.from({ length: 8 }, () => fleetClient());
    const results = await Promise.allSettled(clients.flatMap((client) => Array.from({ length: 25 }, () => client.roles.list())));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(tenant.stats().tokenRequests).toBe(1);
    expect(await redis.keys(`${prefix}*lock`)).toEqual([]); // released by `set`
  });

  it("stores the token with a TTL that ends refreshAheadMs before the token, and hands out the matching expiry", async () => {
    const cache = processCache({ refreshAheadMs: 60_000 });
    expect(await cache.get("k")).toBeUndefined(); // the lock is ours
    const stored = token("abc", HOUR);
    await cache.set("k", stored);
    const ttl = await redis.pttl(tokenKeys(prefix, "k").token);
    expect(ttl).toBeGreaterThan(HOUR - 60_000 - 1_000);
    expect(ttl).toBeLessThanOrEqual(HOUR - 60_000);
    const read = await processCache().get("k");
    expect(read?.accessToken).toBe("abc");
    expect(Math.abs(read!.expiresAt - stored.expiresAt)).toBeLessThan(1_000);
  });

  it("keeps at least half of a short-lived token's lifetime in Redis", async () => {
    const cache = processCache({ refreshAheadMs: 60_000 });
    await cache.get("k");
    await cache.set("k", token("short", 30_000));
    const ttl = await redis.pttl(tokenKeys(prefix, "k").token);
    expect(ttl).toBeGreaterThan(14_000);
    expect(ttl).toBeLessThanOrEqual(15_000);
  });

  it("takes a short-lived lock on a miss; another process waits, then reads what the holder stores", async () => {
    const holder = processCache({ lockTtlMs: 5_000 });
    const waiter = processCache({ pollIntervalMs: 10 });
    expect(await holder.get("k")).toBeUndefined();
    const lockTtl = await redis.pttl(tokenKeys(prefix, "k").lock);
    expect(lockTtl).toBeGreaterThan(4_000);
    expect(lockTtl).toBeLessThanOrEqual(5_000);
    const waiting = waiter.get("k");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await holder.set("k", token("fetched-once"));
    expect((await waiting)?.accessToken).toBe("fetched-once");
    expect(await redis.exists(tokenKeys(prefix, "k").lock)).toBe(0);
  });

  it("lets a waiting process take over when the holder dies (its lock expires)", async () => {
    const holder = processCache({ lockTtlMs: 300 });
    const waiter = processCache({ pollIntervalMs: 20 });
    expect(await holder.get("k")).toBeUndefined(); // …and then the holder never calls `set`
    const started = Date.now();
    expect(await waiter.get("k")).toBeUndefined(); // the waiter now holds the lock: its client fetches
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await redis.get(tokenKeys(prefix, "k").lock)).not.toBeNull();
  });

  it("does not let a holder whose lock expired release the lock its successor took", async () => {
    const slow = processCache({ lockTtlMs: 100 });
    const successor = processCache({ pollIntervalMs: 10 });
    await slow.get("k");
    expect(await successor.get("k")).toBeUndefined();
    const successorsLock = await redis.get(tokenKeys(prefix, "k").lock);
    await slow.set("k", token("late"));
    expect(await redis.get(tokenKeys(prefix, "k").lock)).toBe(successorsLock);
  });

  it("gives up waiting after maxWaitMs and lets this process fetch", async () => {
    await processCache({ lockTtlMs: 10_000 }).get("k");
    const started = Date.now();
    expect(await processCache({ pollIntervalMs: 20, maxWaitMs: 200 }).get("k")).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("with the plugin, fails the waiting processes at once with the holder's error when its token request fails", async () => {
    // The holder's token request is slow (and refused), so the others are surely waiting when it fails.
    tenant.faults.inject({ match: { method: "POST", path: "/oauth/token" }, fault: { kind: "latency", ms: 300 } });
    const holder = fleetClient(processCache(), "wrong-secret");
    const waiters = Array.from({ length: 3 }, () => fleetClient(processCache({ pollIntervalMs: 10 }), "wrong-secret"));
    const holderCall = Promise.allSettled([holder.roles.list()]);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the holder takes the lock first
    const started = Date.now();
    const waiterCalls = Promise.allSettled(waiters.map((client) => client.roles.list()));
    const results = [...(await holderCall), ...(await waiterCalls)];
    expect(Date.now() - started).toBeLessThan(2_000); // not the 10 s lock TTL
    expect(results[0]).toMatchObject({ status: "rejected", reason: expect.any(TokenEndpointError) });
    for (const result of results.slice(1)) {
      expect(result).toMatchObject({ status: "rejected", reason: expect.any(SharedTokenError) });
      expect((result as PromiseRejectedResult).reason.message).toMatch(/401 access_denied/);
    }
    expect(tenant.stats().tokenRequests).toBe(1);
    expect(await redis.keys(`${prefix}*lock`)).toEqual([]);
  });

  it("with the plugin, also passes on a token request that fails without an answer (connection reset)", async () => {
    tenant.faults.inject({ match: { method: "POST", path: "/oauth/token" }, times: 3, fault: { kind: "reset", when: "before-body" } }); // retried twice, then fails
    const cache = processCache();
    await expect(fleetClient(cache).roles.list()).rejects.toThrow();
    expect(await redis.keys(`${prefix}*lock`)).toEqual([]);
    const reason = await redis.hget(`${prefix}{${managementTokenCacheKey(tenant.domain, tenant.clientId, `${tenant.domain}/api/v2/`)}}:failed`, "reason");
    expect(reason).toMatch(/Error/);
  });

  it("starts afresh after a failure: the next call takes the lock and fetches", async () => {
    const cache = processCache();
    await expect(fleetClient(cache, "wrong-secret").roles.list()).rejects.toBeInstanceOf(TokenEndpointError);
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

  it("behaves as an empty cache when Redis fails, reporting the error, so calls still succeed", async () => {
    const broken = server.connect();
    await broken.quit();
    const errors: string[] = [];
    const cache = redisTokenCache(broken, { prefix, onError: (_error, operation) => void errors.push(operation) });
    const client = fleetClient(cache);
    await client.roles.list();
    expect(errors).toEqual(["get", "set"]);
    expect(tenant.stats().tokenRequests).toBe(1);
  });
});
