import { definePlugin, RequestAbortedError, Tokens, type Middleware, type PipelineRequest, type Plugin } from "auth0";
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
   * How long one Redis command may take, in milliseconds (default 500). Past it the command counts as a Redis failure
   * (see `onRedisError`): a Redis that hangs delays a request by this much, never indefinitely.
   */
  commandTimeoutMs?: number;
}

const isManagementApiCall = (request: PipelineRequest): boolean => request.url.pathname.startsWith("/api/v2/");

/**
 * The fleet's rate limit: a `redisRateLimiter` link inside `retry` (every attempt, retries included, takes a token)
 * and above `timeout` (time spent waiting for a token does not use up an attempt's time budget). Before each attempt
 * it reserves a token from a token bucket kept in Redis and shared by every process using the same key, then waits
 * until the token exists; the caller's abort signal ends the wait at once and returns the token. A 429 that still
 * comes back (another application spending the same tenant limit) empties the shared bucket, so the whole fleet
 * falls back to the refill rate.
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
      pipeline.use(rateLimited(bucket, options.match ?? isManagementApiCall, onRedisError), { name: "redisRateLimiter", after: "retry" });
    },
  });
}

function rateLimited(bucket: SharedTokenBucket, match: (request: PipelineRequest) => boolean, onRedisError: (error: unknown) => void): Middleware {
  const report = (error: unknown): void => {
    try {
      onRedisError(error);
    } catch {
      // Only the request waiting for its token may fail with the error; background calls just drop it.
    }
  };
  return async (request, next) => {
    if (!match(request)) return next(request);
    await waitForToken(bucket, request.signal, onRedisError, report);
    const response = await next(request);
    if (response.status === 429) bucket.drain().catch(report);
    return response;
  };
}

async function waitForToken(
  bucket: SharedTokenBucket,
  signal: AbortSignal | undefined,
  onRedisError: (error: unknown) => void,
  report: (error: unknown) => void,
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
    await sleep(waitMs, signal);
  } catch (aborted) {
    // The reserved slot will not be used: hand it to whoever asks next.
    bucket.giveBack().catch(report);
    throw aborted;
  }
}
