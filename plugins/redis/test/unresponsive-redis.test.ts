import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { ManagementAbortError, ManagementClient, ManagementTimeoutError } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RedisCommandTimeoutError, redisRateLimiter, redisTokenCache } from "auth0/plugins/redis";
import { describeWithRedis, startRedis, uniquePrefix, type TestRedis } from "./redis-server.js";

/** A TCP peer that accepts connections and never answers: a Redis that hangs. */
async function silentPeer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("data", () => undefined); // read and ignore
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

let tenant: MockTenant;
beforeAll(async () => {
  tenant = await startMockTenant();
});
afterAll(() => tenant.close());

describe(`"Every wait has a bound and ends on abort": a Redis that accepts connections and never answers`, () => {
  let peer: Awaited<ReturnType<typeof silentPeer>>;
  const connections: Redis[] = [];
  beforeAll(async () => {
    peer = await silentPeer();
  });
  afterEach(() => {
    for (const redis of connections.splice(0)) redis.disconnect();
    tenant.reset();
  });
  afterAll(() => peer.close());
  const hangingRedis = (): Redis => {
    const redis = new Redis(peer.url, { maxRetriesPerRequest: null });
    redis.on("error", () => undefined);
    connections.push(redis);
    return redis;
  };

  it("the shared token cache gives up on it at the command deadline and fetches the token directly (fail open)", async () => {
    const errors: Array<{ error: unknown; operation: string }> = [];
    const cache = redisTokenCache(hangingRedis(), { commandTimeoutMs: 50, onError: (error, operation) => void errors.push({ error, operation }) });
    const management = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, tokenCache: cache });
    await expect(management.roles.list()).resolves.toBeDefined();
    expect(tenant.stats().tokenRequests).toBe(1);
    expect(errors[0]).toMatchObject({ operation: "get", error: expect.any(RedisCommandTimeoutError) });
    expect((errors[0]!.error as RedisCommandTimeoutError).timeoutMs).toBe(50);
  });

  it("has a default deadline well under a second (no option given, the call still completes)", async () => {
    const management = new ManagementClient({
      domain: tenant.domain,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      tokenCache: redisTokenCache(hangingRedis()),
      plugins: [redisRateLimiter(hangingRedis(), { burst: 10, perSecond: 5 })],
    });
    await expect(management.roles.list()).resolves.toBeDefined();
  });

  it("the shared rate limiter lets the request through once the deadline passes, and warns", async () => {
    const lines: string[] = [];
    const logger = { debug: () => undefined, info: () => undefined, warn: (line: string) => void lines.push(line), error: () => undefined };
    const management = new ManagementClient({
      domain: tenant.domain,
      token: await tenant.managementToken(),
      plugins: [redisRateLimiter(hangingRedis(), { burst: 10, perSecond: 5, commandTimeoutMs: 50 })],
      logging: { level: "warn", logger },
    });
    await expect(management.roles.list()).resolves.toBeDefined();
    expect(lines.some((line) => line.includes("shared rate limit in Redis"))).toBe(true);
  });

  it("the rate limiter's wait ends on the caller's abort signal, whatever the deadline", async () => {
    const management = new ManagementClient({
      domain: tenant.domain,
      token: await tenant.managementToken(),
      plugins: [redisRateLimiter(hangingRedis(), { burst: 10, perSecond: 5, commandTimeoutMs: 3_600_000 })],
    });
    const controller = new AbortController();
    const call = management.roles.list({}, { abortSignal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(call).rejects.toBeInstanceOf(ManagementAbortError);
    expect(tenant.requests.filter((request) => request.path === "/api/v2/roles")).toEqual([]);
  });

  it("the token cache's wait ends on the caller's abort signal (the auth link listens to it)", async () => {
    const cache = redisTokenCache(hangingRedis(), { commandTimeoutMs: 3_600_000 });
    const management = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, tokenCache: cache });
    const controller = new AbortController();
    const call = management.roles.list({}, { abortSignal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(call).rejects.toBeInstanceOf(ManagementAbortError);
  });

  it("the token cache's wait ends at the call's timeoutInSeconds", async () => {
    const cache = redisTokenCache(hangingRedis(), { commandTimeoutMs: 3_600_000 });
    const management = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, tokenCache: cache });
    await expect(management.roles.list({}, { timeoutInSeconds: 0.1 })).rejects.toBeInstanceOf(ManagementTimeoutError);
  });

  it.each([0, -1, Number.NaN, "50"])("refuses commandTimeoutMs %s", (commandTimeoutMs) => {
    expect(() => redisTokenCache(hangingRedis(), { commandTimeoutMs: commandTimeoutMs as number })).toThrow(RangeError);
    expect(() => redisRateLimiter(hangingRedis(), { burst: 1, perSecond: 1, commandTimeoutMs: commandTimeoutMs as number })).toThrow(RangeError);
  });
});

describeWithRedis("a real redis-server that stops answering (SIGSTOP)", () => {
  let server: TestRedis;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(() => server?.stop());

  it("costs the token cache and the rate limiter one deadline each: the call completes, fetching its own token", async () => {
    tenant.reset();
    const prefix = uniquePrefix("paused");
    const errors: string[] = [];
    const redis = server.connect();
    const management = new ManagementClient({
      domain: tenant.domain,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      tokenCache: redisTokenCache(redis, { prefix, commandTimeoutMs: 100, onError: (_error, operation) => void errors.push(operation) }),
      plugins: [redisRateLimiter(redis, { burst: 10, perSecond: 5, key: `${prefix}bucket`, commandTimeoutMs: 100 })],
    });
    await management.roles.list(); // scripts loaded, token shared
    expect(tenant.stats().tokenRequests).toBe(1);
    const resume = await server.pause();
    try {
      const other = new ManagementClient({
        domain: tenant.domain,
        clientId: tenant.clientId,
        clientSecret: tenant.clientSecret,
        tokenCache: redisTokenCache(redis, { prefix, commandTimeoutMs: 100, onError: (_error, operation) => void errors.push(operation) }),
        plugins: [redisRateLimiter(redis, { burst: 10, perSecond: 5, key: `${prefix}bucket`, commandTimeoutMs: 100 })],
      });
      await expect(other.roles.list()).resolves.toBeDefined();
      expect(tenant.stats().tokenRequests).toBe(2);
      expect(errors).toContain("get");
    } finally {
      resume();
    }
    // Once Redis answers again, the shared token is used again.
    await expect(management.roles.list()).resolves.toBeDefined();
  });
});
