import { startMockTenant, type MockTenant } from "auth0/testing";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { spawnFleetProcess, type FleetProcess } from "./fleet.js";
import type { FleetProcessConfig } from "./fixtures/fleet-process.js";
import { describeWithRedis, startRedis, uniquePrefix, type TestRedis } from "./redis-server.js";

const PROCESSES = 4;
const CALLS_EACH = 25;

describeWithRedis("a fleet of Node processes sharing one token through Redis", () => {
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

  const tenantAndRedis = () => ({ redisUrl: server.url, domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });

  const fleet = (count: number, config: Partial<FleetProcessConfig> & Pick<FleetProcessConfig, "prefix">): FleetProcess[] => {
    const children = Array.from({ length: count }, () =>
      spawnFleetProcess({ ...tenantAndRedis(), role: "first-calls", calls: CALLS_EACH, concurrency: CALLS_EACH, ...config }),
    );
    spawned.push(...children);
    return children;
  };

  const runToCompletion = async (children: FleetProcess[]) => {
    await Promise.all(children.map((child) => child.next("ready")));
    for (const child of children) child.go();
    return Promise.all(children.map((child) => child.next("done")));
  };

  it(`makes exactly one token request for ${PROCESSES} processes × ${CALLS_EACH} concurrent first calls`, async () => {
    tenant.reset();
    const results = await runToCompletion(fleet(PROCESSES, { prefix: uniquePrefix("fleet") }));
    expect(results).toEqual(Array.from({ length: PROCESSES }, () => ({ event: "done", ok: CALLS_EACH, failed: [] })));
    expect(tenant.stats().tokenRequests).toBe(1);
    expect(tenant.stats().managementRequests).toBe(PROCESSES * CALLS_EACH);
  }, 90_000);

  it("still makes exactly one token request when the process holding the lock is killed: its lock expires and another takes over", async () => {
    tenant.reset();
    const prefix = uniquePrefix("fleet");
    const lockTtlMs = 1_500;
    const children = fleet(PROCESSES, { prefix, lockTtlMs });
    const [holder] = fleet(1, { prefix, lockTtlMs, role: "stall-token" });
    await Promise.all([holder!, ...children].map((child) => child.next("ready")));

    holder!.go();
    await holder!.next("holding"); // it holds the lock, and its token request will never leave
    await holder!.kill();
    const [lockKey] = await redis.keys(`${prefix}*:lock`);
    expect(lockKey).toBeDefined();
    const deadHolders = await redis.get(lockKey!);

    for (const child of children) child.go();
    const finished = Promise.all(children.map((child) => child.next("done")));
    // Nobody fetches while the dead holder's lock is there: checked for as long as it is (a state, not a duration).
    while ((await redis.get(lockKey!)) === deadHolders) {
      expect(tenant.stats().tokenRequests).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const results = await finished;
    expect(results.every((result) => result.event === "done" && result.ok === CALLS_EACH)).toBe(true);
    expect(tenant.stats().tokenRequests).toBe(1);
  }, 90_000);

  it("passes the holder's refusal to every waiting process, after one token request", async () => {
    tenant.reset();
    // A slow token request (refused: the secret is wrong), so the other processes are surely waiting when it fails.
    tenant.faults.inject({ match: { method: "POST", path: "/oauth/token" }, times: Infinity, fault: { kind: "latency", ms: 500 } });
    const prefix = uniquePrefix("fleet");
    const results = await runToCompletion(fleet(PROCESSES, { prefix, clientSecret: "wrong-secret" }));
    const failures = results.map((result) => (result.event === "done" ? result.failed : []));
    expect(failures.every((failed) => failed.length === CALLS_EACH)).toBe(true);
    const holders = failures.filter((failed) => failed.every((failure) => failure.startsWith("TokenEndpointError:")));
    const waiters = failures.filter((failed) => failed.every((failure) => /^SharedTokenError: .*401 access_denied/.test(failure)));
    expect([holders.length, waiters.length]).toEqual([1, PROCESSES - 1]);
    expect(tenant.stats().tokenRequests).toBe(1);
    expect(await redis.keys(`${prefix}*:lock`)).toEqual([]);
  }, 90_000);
});
