import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManagementClient, retry } from "auth0";
import { startMockTenant, type MockTenant, type RateLimitOptions, type RecordedRequest } from "auth0/testing";
import { countRequestsOnTheWire, VirtualClock } from "../../helpers/virtual-clock.js";
import { namedTime } from "./simulation.js";

/**
 * End to end: the Management client with its default preset (throttle, retry with maxRetries 2) against the mock tenant
 * on loopback, for each way a tenant may describe its rate limit. Tenant and client share a fake clock that moves only
 * when nothing is on the wire, so 150 creates at 5 per second take 28 s of fake time and about a second of real time,
 * and what the tenant saw (its request log, stamped on that clock) is the same on a loaded machine.
 */
const clock = new VirtualClock();
let tenant: MockTenant;
beforeAll(async () => void (tenant = await startMockTenant({ clock: clock.now })));
afterAll(() => tenant.close());

const LIMIT = { burst: 10, perSecond: 5 };
const CREATES = 150;
const WORKERS = 15;

/** A client on the fake clock: the throttle's and the retry link's waits, and a count of requests on the wire. */
function clientOnTheClock(): { client: ManagementClient; busy: () => boolean } {
  const client = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, throttle: { clock } });
  client.pipeline.replace("retry", retry({ hooks: client.lifecycle, sleep: clock.sleep, now: clock.now, random: () => 0.5 }));
  return { client, busy: countRequestsOnTheWire(client.pipeline) };
}

/** Each burst's users have names of their own, so a burst that failed half-way cannot collide with the next. */
let bursts = 0;

async function burst(limit: RateLimitOptions) {
  const run = ++bursts;
  tenant.reset({ clearSeed: true });
  tenant.setRateLimit(limit);
  const { client, busy } = clientOnTheClock();
  const failures: unknown[] = [];
  let next = 0;
  const started = clock.now();
  const work = Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < CREATES) {
        const i = next++;
        await client.users
          .create({ connection: "Username-Password-Authentication", email: `burst-${run}-${i}@example.com`, password: "Burst-Passw0rd!" })
          .catch((error: unknown) => void failures.push(error));
      }
    }),
  );
  await clock.run(work, busy);
  const requests = tenant.requests.filter((entry) => entry.method === "POST" && entry.path === "/api/v2/users");
  return { failures, requests, elapsedMs: clock.now() - started };
}

/** When a 429 said a token would be there again: the earlier of retry-after and a reset ahead; for a bare one, 1 s. */
function namedTimeOf(refused: RecordedRequest): number {
  const at = refused.startedAt.getTime();
  return namedTime(refused.responseHeaders, at) ?? at + 1000;
}

/**
 * Requests the tenant received after it had refused one and before the time it named. (Time stands still while a
 * request is on the wire, so anything sent before the client read the 429 arrived at the same instant, not after.)
 */
function sentWhileKnownEmpty(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests
    .filter((entry) => entry.status === 429)
    .flatMap((refused) => requests.filter((entry) => entry.startedAt > refused.startedAt && entry.startedAt.getTime() < namedTimeOf(refused)));
}

describe("the default client against each tenant behaviour (mock tenant on loopback, fake time)", () => {
  const cases: [string, Partial<RateLimitOptions>, number][] = [
    ["(a) reset = the second the bucket is full again", { reset: "bucket-full" }, 0],
    ["(b) reset = the second the next token arrives", { reset: "next-token" }, 0],
    ["(c) reset = the end of a fixed window", { reset: "window-end" }, 1],
    // Without counts the rate is found by meeting it: the cold start, one measuring round, then one per AIMD probe.
    ["(d) only retry-after, on a 429", { headers: "retry-after" }, 30],
    ["(e) only x-ratelimit-*, no retry-after", { headers: "x-ratelimit" }, 0],
    ["(f) a bare 429 (the retry link's backoff)", { headers: "none" }, 30],
  ];
  for (const [name, behaviour, max429s] of cases) {
    it(`${name}: no call lost, nothing sent while the bucket was known empty`, async () => {
      const { failures, requests, elapsedMs } = await burst({ ...LIMIT, ...behaviour });
      expect(failures).toEqual([]);
      expect(requests.filter((entry) => entry.status === 201)).toHaveLength(CREATES);
      expect(requests.every((entry) => entry.status === 201 || (entry.status === 429 && entry.rateLimited))).toBe(true);
      expect(requests.filter((entry) => entry.status === 429).length).toBeLessThanOrEqual(max429s);
      expect(sentWhileKnownEmpty(requests)).toEqual([]);
      // Fake time, the same on every run: within 1.2× the least the limit allows ((150 − 10) / 5 = 28 s).
      expect(elapsedMs / (((CREATES - LIMIT.burst) / LIMIT.perSecond) * 1000)).toBeLessThanOrEqual(1.2);
    });
  }
});
