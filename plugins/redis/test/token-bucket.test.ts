import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sharedTokenBucket } from "../token-bucket.js";
import { describeWithRedis, startRedis, uniquePrefix, type TestRedis } from "./redis-server.js";

describeWithRedis("the shared token bucket (Lua, in Redis)", () => {
  let server: TestRedis;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedis();
    redis = server.connect();
  });
  afterAll(() => server?.stop());

  it("starts full: burst tokens at once, then a wait of one refill interval per token owed", async () => {
    const bucket = sharedTokenBucket(redis, `${uniquePrefix("bucket")}b`, { burst: 3, perSecond: 10 });
    const waits: number[] = [];
    const started = performance.now();
    const elapsed: number[] = [];
    for (let i = 0; i < 5; i++) {
      waits.push((await bucket.take()).waitMs);
      elapsed.push(performance.now() - started);
    }
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    // The 4th owes one token (100 ms at 10/s), the 5th two, less whatever refilled while the calls ran: at most the
    // time since the first call began (Redis's clock runs inside that span), however slow the machine.
    expect(waits[3]).toBeLessThanOrEqual(100);
    expect(waits[3]).toBeGreaterThanOrEqual(100 - elapsed[3]! - 1);
    expect(waits[4]).toBeLessThanOrEqual(200);
    expect(waits[4]).toBeGreaterThanOrEqual(200 - elapsed[4]! - 1);
  });

  it("refills at the configured rate, and never beyond the burst", async () => {
    const bucket = sharedTokenBucket(redis, `${uniquePrefix("bucket")}b`, { burst: 2, perSecond: 20 });
    await bucket.take();
    await bucket.take();
    expect((await bucket.take()).waitMs).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 400)); // 8 tokens' worth of time: only 2 fit
    const after = [(await bucket.take()).waitMs, (await bucket.take()).waitMs, (await bucket.take()).waitMs];
    expect(after.slice(0, 2)).toEqual([0, 0]);
    expect(after[2]).toBeGreaterThan(0);
  });

  it("gives exactly `burst` immediate grants to many clients asking at the same moment", async () => {
    const key = `${uniquePrefix("bucket")}b`;
    const clients = Array.from({ length: 40 }, () => server.connect());
    await Promise.all(clients.map((client) => client.ping()));
    // A slow refill (one token per 100 s), so no token arrives during the race.
    const answers = await Promise.all(clients.map((client) => sharedTokenBucket(client, key, { burst: 10, perSecond: 0.01 }).take()));
    expect(answers.filter((answer) => answer.waitMs === 0)).toHaveLength(10);
    // Everyone else holds a distinct place in the queue: 1, 2, … 30 tokens owed, 100 s apart.
    const owed = answers
      .filter((answer) => answer.waitMs > 0)
      .map((answer) => Math.round(answer.waitMs / 100_000))
      .sort((a, b) => a - b);
    expect(owed).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await Promise.all(clients.map((client) => client.quit()));
  });

  it("takes back a token given back, so the next caller gets the freed place", async () => {
    const bucket = sharedTokenBucket(redis, `${uniquePrefix("bucket")}b`, { burst: 1, perSecond: 1 });
    await bucket.take();
    const queued = await bucket.take();
    expect(queued.waitMs).toBeGreaterThan(900);
    await bucket.giveBack();
    expect((await bucket.take()).waitMs).toBeGreaterThan(900); // the freed place, not a second one behind it
    expect((await bucket.take()).waitMs).toBeGreaterThan(1900);
  });

  it("drains to empty (after a 429), keeping reservations already made", async () => {
    const bucket = sharedTokenBucket(redis, `${uniquePrefix("bucket")}b`, { burst: 10, perSecond: 10 });
    await bucket.take();
    expect((await bucket.drain()).tokens).toBe(0);
    const next = await bucket.take();
    expect(next.waitMs).toBeGreaterThan(80);
  });

  it("stores nothing that outlives a full bucket: the key expires when it would be full again", async () => {
    const key = `${uniquePrefix("bucket")}b`;
    const bucket = sharedTokenBucket(redis, key, { burst: 5, perSecond: 1 });
    await bucket.take();
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(1000);
    expect(ttl).toBeLessThanOrEqual(2000); // one token to refill (1 s) + 1 s of slack
  });

  it("runs by SHA and sends the source again when Redis has forgotten it (SCRIPT FLUSH, restart, failover)", async () => {
    const bucket = sharedTokenBucket(redis, `${uniquePrefix("bucket")}b`, { burst: 2, perSecond: 1 });
    await bucket.take();
    await redis.script("FLUSH");
    expect((await bucket.take()).waitMs).toBe(0);
    expect((await bucket.take()).waitMs).toBeGreaterThan(0);
  });

  it("refuses a bucket that can never grant", () => {
    expect(() => sharedTokenBucket(redis, "k", { burst: 0, perSecond: 1 })).toThrow(RangeError);
    expect(() => sharedTokenBucket(redis, "k", { burst: 1, perSecond: 0 })).toThrow(RangeError);
  });
});
