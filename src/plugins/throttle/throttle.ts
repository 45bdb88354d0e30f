import { InvalidInputError } from "../../core/errors.js";
import type { PipelineRequest, PipelineResponse } from "../../core/http.js";
import type { PipelineMiddleware } from "../../core/pipeline.js";
import { RETRY_AT } from "../../middleware/retry.js";
import { Bucket } from "./bucket.js";
import { systemClock, type ThrottleClock } from "./clock.js";
import { RateLimitState } from "./rate-limit-state.js";

/** Options of the client-side rate limiting (the `throttle` option of the Management client, or `throttlePlugin()`). */
export interface ThrottleOptions {
  /**
   * Which bucket a request draws from. Default: `"management"` for the Management API (`/api/v2/…`, Auth0's
   * tenant-wide limit) and `"authentication"` for everything else (the token endpoint and the rest of the
   * Authentication API, which Auth0 limits apart).
   */
  bucket?: (request: PipelineRequest) => string;
  /**
   * The longest the throttle waits at a time, in ms (default 60 000): a pause after a 429, a wait for the next token.
   * A `retry-after: 86400` or a `reset` an hour ahead (a clock that is off) holds requests back this long at most,
   * after which they are sent and the tenant gets to say again.
   */
  maxWaitMs?: number;
  /** The clock and timers to use (default: the system's); tests give a fake one. */
  clock?: ThrottleClock;
}

/**
 * The default buckets: Auth0 counts the Management API and the Authentication API apart. The operation says which API
 * a request belongs to (a Management client's token request is an Authentication API call).
 */
export const apiBucket = (request: PipelineRequest): string => request.operation.api;

/**
 * Client-side rate limiting that learns the tenant's buckets from its answers and queues requests while a bucket is
 * empty, so a burst completes at the allowed rate instead of collecting 429s (the README's "Rate limits" says what it
 * reads and why). It sits inside the `retry` link: a 429 that still comes back pauses the whole bucket until the time
 * the tenant names, and the retry waits for it in this queue, ahead of first attempts. A queued request leaves on the
 * caller's abort or after waiting its own timeout. State lives in the returned middleware: one per client.
 */
export function throttle(options: ThrottleOptions = {}): PipelineMiddleware {
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  if (typeof maxWaitMs !== "number" || !(maxWaitMs >= 0) || !Number.isFinite(maxWaitMs)) {
    throw new InvalidInputError("throttle.maxWaitMs", "throttle.maxWaitMs must be a finite number of milliseconds >= 0");
  }
  if (options.bucket !== undefined && typeof options.bucket !== "function") {
    throw new InvalidInputError("throttle.bucket", "throttle.bucket must be a function of the request returning a bucket name");
  }
  const clock = options.clock ?? systemClock;
  const bucketOf = options.bucket ?? apiBucket;
  const buckets = new Map<string, Bucket>();
  const bucketFor = (key: string): Bucket => {
    let bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, (bucket = new Bucket(new RateLimitState({ maxWaitMs }), clock)));
    return bucket;
  };

  return async (request, next) => {
    // Another host's limits are not the tenant's: an export's download link is not queued behind API calls.
    if (request.operation.api === "external") return next(request);
    const bucket = bucketFor(bucketOf(request));
    const ticket = await bucket.acquire(request);
    let response: PipelineResponse;
    try {
      response = await next(request);
    } catch (error) {
      bucket.failed();
      throw error;
    }
    bucket.answered(ticket, response);
    if (response.status === 429) {
      // The retry of a 429 that named a time waits in this queue (ahead of first attempts) until the bucket reopens,
      // not in the retry link; after a bare 429 the retry link's backoff applies.
      const retryAt = bucket.state.retryAt;
      if (retryAt === undefined) delete request.context[RETRY_AT];
      else request.context[RETRY_AT] = retryAt;
    }
    return response;
  };
}
