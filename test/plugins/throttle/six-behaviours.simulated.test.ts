import { describe, expect, it } from "vitest";
import type { RateLimitOptions } from "auth0/testing";
import { VirtualClock } from "../../helpers/virtual-clock.js";
import { namedTime, simulateBurst, type SimulatedBurst } from "./simulation.js";

/**
 * The throttle and the retry link (default options, maxRetries 2) against the mock tenant's own rate limiter, all on
 * fake time: 150 creates from 15 workers against a bucket of 10 refilling at 5 per second, for each way a tenant may
 * describe its limit. Durations here are fake time, the same on every run; the real-time runs are in `npm run bench`.
 */
const BEHAVIOURS: Record<string, { limit: Partial<RateLimitOptions>; max429s: number }> = {
  "(a) reset = the second the bucket is full again": { limit: { reset: "bucket-full" }, max429s: 0 },
  "(b) reset = the second the next token arrives": { limit: { reset: "next-token" }, max429s: 0 },
  // One request sent early on the measured rate finds the window shut: from then on an empty bucket waits for reset.
  "(c) reset = the end of a fixed window": { limit: { reset: "window-end" }, max429s: 1 },
  // Without counts the only way to find the rate is to meet it: a slow start, one round to measure, then AIMD.
  "(d) only retry-after, on a 429": { limit: { headers: "retry-after" }, max429s: 30 },
  "(d') only retry-after, as an HTTP date": { limit: { headers: "retry-after", retryAfter: "http-date" }, max429s: 30 },
  "(e) only x-ratelimit-*, no retry-after": { limit: { headers: "x-ratelimit" }, max429s: 0 },
  "(e') only x-ratelimit-*, reset = next token": { limit: { headers: "x-ratelimit", reset: "next-token" }, max429s: 0 },
  "(e'') only x-ratelimit-*, a fixed window": { limit: { headers: "x-ratelimit", reset: "window-end" }, max429s: 1 },
  "(f) a bare 429": { limit: { headers: "none" }, max429s: 30 },
};

/** Requests the client sent after it had read a 429, and before the time that 429 named. */
function sentWhileKnownEmpty(result: SimulatedBurst, latencyMs: number) {
  const offenders = [];
  for (const refused of result.arrivals.filter((arrival) => arrival.status === 429)) {
    const known = refused.at + 2 * latencyMs; // the earliest a request sent after reading it can arrive
    const until = namedTime(refused.headers, refused.at) ?? refused.at + 1000; // a bare 429: the first backoff step
    offenders.push(...result.arrivals.filter((arrival) => arrival.at > known && arrival.at < until).map((arrival) => ({ refused, arrival })));
  }
  return offenders;
}

describe("the throttle against each tenant behaviour (simulated, fake time)", () => {
  for (const [name, { limit, max429s }] of Object.entries(BEHAVIOURS)) {
    it(name, async () => {
      for (const latencyMs of [2, 20, 100]) {
        for (const startMs of [0, 400, 999]) {
          const result = await simulateBurst({
            limit: { burst: 10, perSecond: 5, ...limit },
            latencyMs,
            clock: new VirtualClock(Date.UTC(2030, 0, 1, 12, 0, 0, startMs)),
          });
          const run = `latency ${latencyMs} ms, start at .${startMs}`;
          expect(result.failed, run).toEqual([]);
          expect(result.arrivals.filter((arrival) => arrival.status !== 429), run).toHaveLength(150);
          expect(result.elapsedMs / result.minimumMs, run).toBeLessThanOrEqual(1.2);
          expect(result.refused, run).toBeLessThanOrEqual(max429s);
          expect(sentWhileKnownEmpty(result, latencyMs), run).toEqual([]);
        }
      }
    });
  }

  it("a retry goes first when the bucket reopens: no call is refused three times even on a slow tenant", async () => {
    for (const headers of ["retry-after", "none"] as const) {
      const result = await simulateBurst({ limit: { burst: 10, perSecond: 0.5, headers }, calls: 40, latencyMs: 50 });
      expect(result.failed).toEqual([]);
      const refusals = new Map<number, number>();
      for (const arrival of result.arrivals) if (arrival.status === 429) refusals.set(arrival.call, (refusals.get(arrival.call) ?? 0) + 1);
      expect(Math.max(0, ...refusals.values())).toBeLessThanOrEqual(2);
    }
  });

  it("reads the tenant's times against the tenant's clock when the client's is an hour off", async () => {
    for (const clientClockOffsetMs of [3_600_000, -3_600_000]) {
      for (const reset of ["bucket-full", "next-token", "window-end"] as const) {
        const result = await simulateBurst({ limit: { burst: 10, perSecond: 5, reset }, clientClockOffsetMs });
        expect(result.failed).toEqual([]);
        expect(result.refused).toBeLessThanOrEqual(1);
        expect(result.elapsedMs / result.minimumMs).toBeLessThanOrEqual(1.2);
      }
    }
  });

  it("adapts when the limit it learned drops under it (1000 + 500/s, then 10 + 5/s), whatever the tenant then says", async () => {
    for (const limit of Object.values(BEHAVIOURS).map((behaviour) => behaviour.limit)) {
      const result = await simulateBurst({ firstLimit: { burst: 1000, perSecond: 500 }, limit: { burst: 10, perSecond: 5, ...limit } });
      expect(result.failed, JSON.stringify(limit)).toEqual([]);
      expect(result.elapsedMs / result.minimumMs, JSON.stringify(limit)).toBeLessThanOrEqual(1.2);
    }
  });
});
