import { describe, expect, it } from "vitest";
import { rateLimitWaitMs } from "auth0";
import { RateLimitState, type Ticket } from "../../../src/plugins/throttle/rate-limit-state.js";

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0, 0);
const seconds = (ms: number): string => String(Math.ceil(ms / 1000));

/** Headers of a bucket of `limit` with `remaining` left and `x-ratelimit-reset` at `resetAt` (epoch ms, rounded up). */
const counts = (limit: number, remaining: number, resetAt: number, extra: Record<string, string> = {}): Headers =>
  new Headers({ "x-ratelimit-limit": String(limit), "x-ratelimit-remaining": String(remaining), "x-ratelimit-reset": seconds(resetAt), ...extra });

/** Send one request at `sentAt` (it must be allowed) and answer it at `at`. */
function exchange(state: RateLimitState, sentAt: number, at: number, status: number, headers: Headers): void {
  expect(state.wait(sentAt), `a request may leave at ${sentAt - T0} ms`).toBe(0);
  state.observe(state.take(sentAt), status, headers, at);
}

/** Let every request go that may go at `now`; returns the tickets. */
function drain(state: RateLimitState, now: number): Ticket[] {
  const tickets: Ticket[] = [];
  while (state.wait(now) === 0 && tickets.length < 1000) tickets.push(state.take(now));
  return tickets;
}

describe("RateLimitState: before the tenant has said anything", () => {
  it("lets one request out to learn the bucket, then one more per answer (a slow start)", () => {
    const state = new RateLimitState();
    expect(drain(state, T0)).toHaveLength(1);
    state.observe(state.take(T0 - 1), 200, new Headers(), T0 + 10); // an answer without rate-limit headers
    expect(drain(state, T0 + 10).length).toBeGreaterThanOrEqual(1);
  });

  it("does not let slow answers hold the rest back for long: the window also doubles every second", () => {
    const state = new RateLimitState();
    expect(drain(state, T0)).toHaveLength(1);
    expect(state.wait(T0 + 500)).toBe(500);
    expect(drain(state, T0 + 1000)).toHaveLength(1); // 2 out
    expect(drain(state, T0 + 2000)).toHaveLength(2); // 4
    expect(drain(state, T0 + 7000)).toHaveLength(124); // 128 out after 7 s without a single answer
  });

  it("takes the first count as it is: 3 left means 3 more go at once, the 4th waits", () => {
    const state = new RateLimitState();
    exchange(state, T0, T0 + 20, 200, counts(10, 3, T0 + 5000));
    expect(drain(state, T0 + 20)).toHaveLength(3);
    expect(state.wait(T0 + 20)).toBeGreaterThan(0);
  });

  it("counts requests still out against the remaining tokens", () => {
    const state = new RateLimitState();
    exchange(state, T0, T0 + 20, 200, counts(10, 9, T0 + 1000));
    const out = drain(state, T0 + 20); // 9 leave
    expect(out).toHaveLength(9);
    // The first of them comes back saying 8 left: the 8 still out may not be counted in it yet.
    state.observe(out[0]!, 200, counts(10, 8, T0 + 1000), T0 + 40);
    expect(drain(state, T0 + 40)).toHaveLength(0);
  });
});

describe("RateLimitState: x-ratelimit-reset is only 'by then there is at least one more token'", () => {
  it("with no rate measured yet, an empty bucket waits for the reset, whatever it means, and then lets one go", () => {
    for (const resetIn of [400, 2000, 5000]) {
      const state = new RateLimitState();
      exchange(state, T0, T0 + 10, 200, counts(10, 0, T0 + 10 + resetIn));
      const resetAt = Math.ceil((T0 + 10 + resetIn) / 1000) * 1000;
      expect(state.wait(T0 + 10)).toBe(resetAt - (T0 + 10));
      expect(drain(state, resetAt - 1)).toHaveLength(0);
      expect(drain(state, resetAt)).toHaveLength(1);
    }
  });

  /** The same traffic against a bucket of 10 refilling at 5/s, as the tenant would describe it with each reading. */
  function learnFrom(reading: (tokens: number, now: number) => number): number {
    const state = new RateLimitState();
    let tokens = 10;
    let now = T0;
    const perMs = 5 / 1000;
    // 60 requests, one every 150 ms (faster than the refill, so the bucket drains), each answered after 20 ms.
    for (let i = 0; i < 60; i++, now += 150) {
      tokens = Math.min(10, tokens + 150 * perMs);
      if (state.wait(now) > 0) continue;
      const ticket = state.take(now);
      const allowed = tokens >= 1;
      if (allowed) tokens -= 1;
      const headers = counts(10, Math.floor(tokens), reading(tokens, now));
      state.observe(ticket, allowed ? 201 : 429, headers, now + 20);
    }
    return state.ratePerSecond;
  }

  it("measures the refill rate from the counts, so every reading of reset gives about the same rate, never above the real one", () => {
    const rates = [
      learnFrom((tokens, now) => now + ((10 - tokens) / 5) * 1000), // the second the bucket is full
      learnFrom((tokens, now) => now + ((Math.floor(tokens) + 1 - tokens) / 5) * 1000), // the second the next token arrives
      learnFrom((_, now) => Math.floor(now / 2000 + 1) * 2000), // the end of a 2 s window
    ];
    for (const rate of rates) {
      expect(rate).toBeGreaterThan(3.5);
      expect(rate).toBeLessThanOrEqual(5);
    }
  });
});

describe("RateLimitState: a 429 is the truth", () => {
  it("pauses the whole bucket until retry-after (seconds), then vouches for one token", () => {
    const state = new RateLimitState();
    exchange(state, T0, T0 + 10, 200, counts(10, 5, T0 + 2000));
    const out = drain(state, T0 + 10);
    // The tenant handled them in order: four took the last tokens, the fifth was refused.
    for (const ticket of out.slice(0, 4)) state.observe(ticket, 201, counts(10, 0, T0 + 4000), T0 + 30);
    state.observe(out[4]!, 429, counts(10, 0, T0 + 4000, { "retry-after": "3" }), T0 + 30);
    expect(state.wait(T0 + 30)).toBe(3000);
    expect(state.retryAt).toBe(T0 + 3030);
    expect(drain(state, T0 + 3029)).toHaveLength(0);
    expect(drain(state, T0 + 3030)).toHaveLength(1);
  });

  it("reads retry-after as an HTTP date, on the tenant's clock", () => {
    const state = new RateLimitState();
    const retryAt = new Date(T0 + 5000).toUTCString();
    exchange(state, T0, T0 + 10, 429, new Headers({ "retry-after": retryAt, date: new Date(T0).toUTCString() }));
    expect(state.wait(T0 + 10)).toBe(4990);
  });

  it("takes the earlier of retry-after and reset (both are times by which a token is there)", () => {
    const state = new RateLimitState();
    exchange(state, T0, T0 + 10, 429, counts(10, 0, T0 + 1000, { "retry-after": "2" }));
    expect(state.wait(T0 + 10)).toBe(990);
  });

  it("after a bare 429 pauses 1 s, then 2 s for a second one in a row — the retry link's backoff", () => {
    const state = new RateLimitState();
    exchange(state, T0, T0 + 10, 429, new Headers());
    expect(state.wait(T0 + 10)).toBe(1000);
    expect(state.retryAt).toBeUndefined(); // the retry link's own backoff applies to the retry
    exchange(state, T0 + 1010, T0 + 1020, 429, new Headers());
    expect(state.wait(T0 + 1020)).toBe(2000);
  });

  it("lowers the rate that drew it (by 10–50%) and lets it grow back additively, to just below it", () => {
    const state = new RateLimitState();
    let now = T0;
    /** Wait until a request may leave, send it, answer it 10 ms later. */
    const send = (status: number, headers = new Headers()): void => {
      now += state.wait(now);
      exchange(state, now, now + 10, status, headers);
      now += 10;
    };
    // A tenant without counts: 429s are all the throttle learns from. A round from one 429 to the next measures the rate.
    send(429, new Headers({ "retry-after": "1" }));
    for (let i = 0; i < 5; i++) send(201);
    send(429, new Headers({ "retry-after": "1" }));
    const measured = state.ratePerSecond;
    expect(measured).toBeGreaterThan(2);
    expect(measured).toBeLessThan(5);
    // It then grows back along a line...
    send(201);
    now += 1000;
    send(201);
    const later = state.ratePerSecond;
    expect(later).toBeGreaterThan(measured);
    expect(later).toBeLessThanOrEqual(measured * 1.5);
    // ...and a 429 at the grown rate drops it again, below the rate that drew it.
    send(429, new Headers({ "retry-after": "1" }));
    expect(state.ratePerSecond).toBeLessThanOrEqual(later * 0.9 + 1e-9);
    expect(state.ratePerSecond).toBeGreaterThanOrEqual(later * 0.5);
  });

  it("counts 429s of requests sent before the first one arrived as its echoes: one drop, one pause", () => {
    const state = new RateLimitState();
    exchange(state, T0, T0 + 10, 200, new Headers()); // nothing known: slow start
    const out: Ticket[] = [];
    for (let i = 0; i < 50; i++) out.push(state.take(T0 + 20)); // 50 out at once (as a burst before anything was learned)
    for (const ticket of out) state.observe(ticket, 429, new Headers(), T0 + 40);
    expect(state.wait(T0 + 40)).toBe(1000); // not 2^49 s (capped or not)
  });

  it("after a burst of 50 concurrent 429s with counts, waits no longer than the tenant's reset", () => {
    const state = new RateLimitState();
    const now = T0 + 300;
    exchange(state, now, now, 201, counts(10, 9, now + 200));
    const out = drain(state, now); // 9 go
    const more: Ticket[] = [];
    for (let i = 0; i < 50; i++) more.push(state.take(now)); // and 50 the throttle did not let go: as if sent without it
    out.forEach((ticket, i) => state.observe(ticket, 201, counts(10, 8 - i, now + (i + 2) * 200), now));
    for (const ticket of more) state.observe(ticket, 429, counts(10, 0, now + 200), now);
    expect(state.wait(now)).toBeLessThanOrEqual(2000);
  });

  it("holds an empty bucket until reset once a request sent early on the rate estimate met a 429 (a fixed window)", () => {
    const state = new RateLimitState();
    const windowEnd = (now: number) => Math.floor(now / 2000 + 1) * 2000;
    let now = T0 + 100;
    let used = 0;
    let window = windowEnd(now);
    // A fixed window of 10 per 2 s: the throttle learns a rate, sends early, meets a 429, and from then on waits.
    let refusedEarly = 0;
    for (let step = 0; step < 400; step++, now += 10) {
      if (windowEnd(now) !== window) [window, used] = [windowEnd(now), 0];
      if (state.wait(now) > 0) continue;
      const ticket = state.take(now);
      const allowed = used < 10;
      if (allowed) used += 1;
      else if (ticket.early) refusedEarly += 1;
      state.observe(ticket, allowed ? 201 : 429, counts(10, 10 - used, window), now + 5);
    }
    expect(refusedEarly).toBeLessThanOrEqual(1);
  });
});

describe("RateLimitState: every wait is capped", () => {
  it("a retry-after of a day holds the bucket 60 s at most (the default), or maxWaitMs", () => {
    for (const [maxWaitMs, expected] of [[undefined, 60_000], [5000, 5000]] as const) {
      const state = new RateLimitState(maxWaitMs === undefined ? {} : { maxWaitMs });
      exchange(state, T0, T0, 429, new Headers({ "retry-after": "86400" }));
      expect(state.wait(T0)).toBe(expected);
      expect(drain(state, T0 + expected)).toHaveLength(1);
    }
  });

  it("a reset an hour ahead (a clock that is off, no date header to tell) holds an empty bucket 60 s at most", () => {
    const emptied = new RateLimitState();
    exchange(emptied, T0, T0, 200, counts(10, 0, T0 + 3_600_000));
    expect(emptied.wait(T0)).toBe(60_000);
    const refused = new RateLimitState();
    exchange(refused, T0, T0, 429, counts(10, 0, T0 + 3_600_000));
    expect(refused.wait(T0)).toBe(60_000);
  });

  it("reads reset against the tenant's own clock (its date header) when the client's clock is off by an hour", () => {
    for (const skew of [3_600_000, -3_600_000]) {
      const state = new RateLimitState();
      const tenantNow = T0;
      const clientNow = T0 + skew;
      exchange(state, clientNow, clientNow + 20, 429, counts(10, 0, tenantNow + 2000, { date: new Date(tenantNow).toUTCString() }));
      const wait = state.wait(clientNow + 20);
      expect(wait).toBeGreaterThanOrEqual(1000);
      expect(wait).toBeLessThanOrEqual(3000);
    }
  });
});

describe("rateLimitWaitMs: the time a rate-limited answer names", () => {
  const now = T0 + 300;
  const wait = (headers: Record<string, string>) => rateLimitWaitMs(new Headers(headers), now);

  it("reads retry-after in seconds or as an HTTP date, and a reset ahead, taking the earlier", () => {
    expect(wait({ "retry-after": "3" })).toBe(3000);
    expect(wait({ "retry-after": new Date(T0 + 5000).toUTCString() })).toBe(4700);
    expect(wait({ "x-ratelimit-reset": String(T0 / 1000 + 2) })).toBe(1700);
    expect(wait({ "retry-after": "3", "x-ratelimit-reset": String(T0 / 1000 + 2) })).toBe(1700);
    expect(wait({ "retry-after": "1", "x-ratelimit-reset": String(T0 / 1000 + 2) })).toBe(1000);
  });

  it("names nothing for a bare 429, a reset in the past or a header that is not a time", () => {
    expect(wait({})).toBeUndefined();
    expect(wait({ "x-ratelimit-reset": String(T0 / 1000 - 5) })).toBeUndefined();
    expect(wait({ "retry-after": "soon", "x-ratelimit-reset": "later" })).toBeUndefined();
  });

  it("takes a reset given as seconds from now (as some gateways send) or in epoch milliseconds", () => {
    expect(wait({ "x-ratelimit-reset": "4" })).toBe(4000);
    expect(wait({ "x-ratelimit-reset": String(T0 + 2300) })).toBe(2000);
  });
});
