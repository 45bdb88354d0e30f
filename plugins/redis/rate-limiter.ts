import { definePlugin, InvalidInputError, rateLimitWaitMs, RequestAbortedError, RequestTimeoutError, Tokens, type PipelineMiddleware, type PipelineRequest, type Plugin } from "auth0";
import { commandTimeout } from "./deadline.js";
import type { RedisClient } from "./redis-client.js";
import { sleep } from "./sleep.js";
import { sharedTokenBucket, type SharedTokenBucket } from "./token-bucket.js";

/** The fleet's rate limit: the tenant's bucket, and how the plugin uses it. */
export interface RedisRateLimiterOptions {
  /** The tenant's bucket size: how many requests all processes together may send at once (`x-ratelimit-limit`). */
  burst: number;
  /** Refill rate: requests per second, for all processes together. */
  perSecond: number;
  /**
   * Tokens of the burst the fleet leaves unspent (default 1). Requests reach Auth0 with different network delays —
   * the first of a burst often opens a connection — and the tenant's bucket starts refilling only when that first
   * request arrives, so a later request that overtakes a slower one would find it a little emptier than ours. One
   * token absorbs a difference of 1/perSecond (200 ms at 5 per second).
   */
  headroom?: number;
  /** The bucket's Redis key. Default `auth0:rate-limit:<origin>`: one bucket per tenant, as Auth0 counts. */
  key?: string;
  /** Which requests draw from the bucket. Default: Management API calls (`/api/v2/…`); token requests have their own limit. */
  match?: (request: PipelineRequest) => boolean;
  /**
   * Keep the default preset's per-process `throttle` as well. Default false: the shared bucket already keeps the
   * whole fleet under the limit, and a second, per-process estimate would only slow requests down.
   */
  keepThrottle?: boolean;
  /**
   * What a request does when Redis fails: `"send"` (default) goes ahead unthrottled — the tenant still enforces its
   * limit and the `retry` link handles a 429 — and the failure is logged at `warn` by the client's logger;
   * `"fail"` rejects the call with the Redis error.
   */
  onRedisError?: "send" | "fail";
  /**
   * The longest a 429 holds this process's requests back, in ms (default 60 000): a `retry-after: 86400` or a `reset`
   * an hour ahead pauses them this long at most, as the per-process throttle does.
   */
  maxWaitMs?: number;
  /**
   * How long one Redis command may take, in milliseconds (default 500). Past it the command counts as a Redis failure
   * (see `onRedisError`): a Redis that hangs delays a request by this much, never indefinitely.
   */
  commandTimeoutMs?: number;
}

/** A 429 that names no time pauses this process's requests this long (the retry link's first backoff step). */
const BARE_429_PAUSE_MS = 1000;

const isManagementApiCall = (request: PipelineRequest): boolean => request.url.pathname.startsWith("/api/v2/");

/**
 * The fleet's rate limit: a `redisRateLimiter` link inside `retry` (every attempt, retries included, takes a token)
 * and above `timeout` (time spent waiting for a token does not use up an attempt's time budget). Before each attempt
 * it reserves a token from a token bucket kept in Redis and shared by every process using the same key, then waits
 * until the token exists; the caller's abort signal ends the wait at once and returns the token, and a wait longer than
 * the request's timeout fails at once (nothing sent). A 429 that still comes back (another application spending the
 * same tenant limit) empties the shared bucket, so the whole fleet falls back to the refill rate, and holds this
 * process's requests until the time it names (at most `maxWaitMs`).
 */
export function redisRateLimiter(redis: RedisClient, options: RedisRateLimiterOptions): Plugin {
  const commandTimeoutMs = commandTimeout(options.commandTimeoutMs);
  return definePlugin({
    name: "redisRateLimiter",
    setup({ pipeline, container, options: clientOptions }) {
      const burst = Math.max(1, options.burst - (options.headroom ?? 1));
      const bucket = sharedTokenBucket(redis, options.key ?? `auth0:rate-limit:${clientOptions.origin}`, { burst, perSecond: options.perSecond }, commandTimeoutMs);
      const logger = container.resolve(Tokens.logger);
      const onRedisError = (error: unknown): void => {
        if (options.onRedisError === "fail") throw error;
        logger?.log("warn", `auth0: the shared rate limit in Redis (${bucket.key}) is unavailable; sending without it`, error);
      };
      if (!options.keepThrottle && pipeline.has("throttle")) pipeline.remove("throttle");
      pipeline.use(rateLimited(bucket, options.match ?? isManagementApiCall, onRedisError, maxWait(options.maxWaitMs)), { name: "redisRateLimiter", after: "retry" });
    },
  });
}

function rateLimited(bucket: SharedTokenBucket, match: (request: PipelineRequest) => boolean, onRedisError: (error: unknown) => void, maxWaitMs: number): PipelineMiddleware {
  const report = (error: unknown): void => {
    try {
      onRedisError(error);
    } catch {
      // Only the request waiting for its token may fail with the error; background calls just drop it.
    }
  };
  // A 429 is the truth: until the time it names, this process sends nothing (and the shared bucket is emptied).
  let pausedUntil = 0;
  return async (request, next) => {
    if (!match(request)) return next(request);
    const deadlineMs = request.timeoutMs > 0 ? request.timeoutMs : Number.POSITIVE_INFINITY;
    const pauseMs = pausedUntil - Date.now();
    if (pauseMs > 0) await waitWithin(pauseMs, deadlineMs, request.signal);
    await waitForToken(bucket, request.signal, onRedisError, report, deadlineMs - Math.max(0, pauseMs));
    const response = await next(request);
    if (response.status === 429) {
      bucket.drain().catch(report);
      const pause = Math.min(rateLimitWaitMs(response.headers) ?? BARE_429_PAUSE_MS, maxWaitMs);
      pausedUntil = Math.max(pausedUntil, Date.now() + pause);
    }
    return response;
  };
}

/** Wait `ms` unless it is longer than what is left of the request's timeout: then fail at once, having sent nothing. */
async function waitWithin(ms: number, deadlineMs: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms > deadlineMs) {
    throw new RequestTimeoutError(deadlineMs, `The rate limit holds requests for ${Math.ceil(ms)} ms, past the request's ${deadlineMs} ms timeout; nothing was sent`);
  }
  await sleep(ms, signal);
}

function maxWait(value: number | undefined): number {
  const ms = value ?? 60_000;
  if (typeof ms !== "number" || !(ms >= 0) || !Number.isFinite(ms)) {
    throw new InvalidInputError("maxWaitMs", "redisRateLimiter's maxWaitMs must be a finite number of milliseconds >= 0");
  }
  return ms;
}

async function waitForToken(
  bucket: SharedTokenBucket,
  signal: AbortSignal | undefined,
  onRedisError: (error: unknown) => void,
  report: (error: unknown) => void,
  deadlineMs: number,
): Promise<void> {
  if (signal?.aborted) throw new RequestAbortedError(signal.reason); // an aborted call reserves nothing
  let waitMs: number;
  try {
    ({ waitMs } = await bucket.take(signal));
  } catch (error) {
    if (error instanceof RequestAbortedError) throw error;
    onRedisError(error);
    return;
  }
  if (waitMs <= 0) return;
  try {
    await waitWithin(waitMs, deadlineMs, signal);
  } catch (aborted) {
    // The reserved slot will not be used: hand it to whoever asks next.
    bucket.giveBack().catch(report);
    throw aborted;
  }
}
