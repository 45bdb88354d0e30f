import { rateLimitWaitMs, retry, throttle, type PipelineMiddleware, type PipelineRequest, type PipelineResponse, type ThrottleOptions } from "auth0";
import type { RateLimitOptions } from "auth0/testing";
import { RateLimiter } from "../../../src/testing/rate-limit/rate-limiter.js";
import { fakeRequest, fakeResponse } from "../../helpers/pipeline-fakes.js";
import { VirtualClock } from "../../helpers/virtual-clock.js";

/** What the tenant saw of one request, on its own clock. */
export interface Arrival {
  /** Which call (0, 1, …) the request belongs to, and which attempt of it (0, 1, …). */
  readonly call: number;
  readonly attempt: number;
  readonly at: number;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface SimulatedBurst {
  /** Virtual ms from the first request to the last answer. */
  readonly elapsedMs: number;
  /** (calls − burst) / rate: the least time the tenant's limit allows, ms. */
  readonly minimumMs: number;
  readonly arrivals: readonly Arrival[];
  readonly refused: number;
  readonly failed: readonly unknown[];
}

export interface BurstPlan {
  readonly limit: RateLimitOptions;
  readonly calls?: number;
  readonly workers?: number;
  /** One-way latency to the tenant, virtual ms. */
  readonly latencyMs?: number;
  readonly maxRetries?: number;
  readonly throttle?: ThrottleOptions;
  readonly clock?: VirtualClock;
  /** Clients sharing the tenant's limit, each with its own chain; the workers are split among them. Default 1. */
  readonly clients?: number;
  /** The tenant's limit for the first answer only (then `limit`): a limit that changes under a client that learned it. */
  readonly firstLimit?: RateLimitOptions;
  /** How far the clients' clocks are ahead of the tenant's, ms (default 0). */
  readonly clientClockOffsetMs?: number;
}

/**
 * The client's `retry` and `throttle` links, as the Management client chains them, over a fetcher that is the mock
 * tenant's own rate limiter: all on one virtual clock, no socket, so a 30-second burst runs in well under a second and
 * the same way every time.
 */
export async function simulateBurst(plan: BurstPlan): Promise<SimulatedBurst> {
  const clock = plan.clock ?? new VirtualClock();
  const { calls = 150, workers = 15, latencyMs = 20, maxRetries = 2 } = plan;
  const limiter = new RateLimiter(plan.firstLimit ?? plan.limit, clock.now);
  let answered = 0;
  const arrivals: Arrival[] = [];
  const fetcher = (request: PipelineRequest): Promise<PipelineResponse> =>
    new Promise((resolve, reject) => {
      clock.setTimer(latencyMs, () => {
        if (request.signal?.aborted) return reject(request.signal.reason);
        const decision = limiter.take();
        if (answered++ === 0 && plan.firstLimit) limiter.configure(plan.limit);
        const headers = { ...decision.headers, date: new Date(clock.now()).toUTCString() };
        arrivals.push({ call: Number(request.headers["x-call"]), attempt: request.attempt, at: clock.now(), status: decision.allowed ? 201 : 429, headers });
        clock.setTimer(latencyMs, () => resolve(fakeResponse(decision.allowed ? 201 : 429, headers)));
      });
    });
  const offset = plan.clientClockOffsetMs ?? 0;
  const clientClock = { now: () => clock.now() + offset, setTimer: clock.setTimer };
  const chainOf = (): PipelineMiddleware[] => [
    retry({ sleep: clock.sleep, now: clientClock.now, random: () => 0.5 }),
    throttle({ clock: clientClock, ...plan.throttle }),
  ];
  const chains = Array.from({ length: plan.clients ?? 1 }, chainOf);
  const send = (chain: PipelineMiddleware[], request: PipelineRequest): Promise<PipelineResponse> => {
    const dispatch = (index: number, current: PipelineRequest): Promise<PipelineResponse> =>
      index === chain.length ? fetcher(current) : chain[index]!(current, (next) => dispatch(index + 1, next));
    return dispatch(0, request);
  };

  const failed: unknown[] = [];
  let next = 0;
  const started = clock.now();
  let finished = started;
  const work = Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      const chain = chains[worker % chains.length]!;
      while (next < calls) {
        const call = next++;
        const response = await send(chain, createRequest(call, maxRetries)).catch((error: unknown) => error);
        if (!(response instanceof Object) || !("status" in response) || response.status !== 201) failed.push(response);
        finished = clock.now();
      }
    }),
  );
  await clock.run(work);
  return {
    elapsedMs: finished - started,
    minimumMs: (Math.max(0, calls - plan.limit.burst) / plan.limit.perSecond) * 1000,
    arrivals,
    refused: arrivals.filter((arrival) => arrival.status === 429).length,
    failed,
  };
}

function createRequest(call: number, maxRetries: number): PipelineRequest {
  return fakeRequest({ method: "POST", headers: { "x-call": String(call) }, body: "{}", timeoutMs: 60_000, maxRetries });
}

/** The time a 429 names (the earlier of retry-after and a reset ahead), or undefined. */
export function namedTime(headers: Headers | Readonly<Record<string, string>>, now: number): number | undefined {
  const wait = rateLimitWaitMs(headers instanceof Headers ? headers : new Headers(headers), now);
  return wait === undefined ? undefined : now + wait;
}
