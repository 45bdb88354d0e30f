/** What `x-ratelimit-reset` means on this tenant. */
export type RateLimitResetMeaning = "bucket-full" | "next-token" | "window-end";

/** Which rate-limit headers the tenant's answers carry. */
export type RateLimitHeaderStyle = "all" | "retry-after" | "x-ratelimit" | "none";

/**
 * A tenant's rate limit, and how its answers describe it. Auth0 documents `x-ratelimit-reset` only as "the expected
 * time when the rate limit will reset", so the mock can speak each reading a client may meet.
 */
export interface RateLimitOptions {
  /** Bucket size: how many requests may arrive at once. */
  readonly burst: number;
  /** Refill rate in requests per second. */
  readonly perSecond: number;
  /**
   * What `x-ratelimit-reset` (epoch seconds) names:
   * - `"bucket-full"` (default): the second the bucket is full again;
   * - `"next-token"`: the second the next token arrives, rounded up;
   * - `"window-end"`: the limiter is a fixed window instead of a bucket — `burst` requests per window of
   *   `burst / perSecond` seconds, windows aligned to the epoch — and `reset` is the end of the current window.
   */
  readonly reset?: RateLimitResetMeaning;
  /**
   * Which headers answers carry:
   * - `"all"` (default): `x-ratelimit-limit / -remaining / -reset` on every answer, and `retry-after` on a 429;
   * - `"retry-after"`: only `retry-after`, on a 429;
   * - `"x-ratelimit"`: only the `x-ratelimit-*` headers, never `retry-after`;
   * - `"none"`: nothing — a bare 429.
   */
  readonly headers?: RateLimitHeaderStyle;
  /** How `retry-after` is written: `"seconds"` (default, rounded up, at least 1) or `"http-date"` (rounded up to the second). */
  readonly retryAfter?: "seconds" | "http-date";
}

const RESET_MEANINGS: readonly RateLimitResetMeaning[] = ["bucket-full", "next-token", "window-end"];
const HEADER_STYLES: readonly RateLimitHeaderStyle[] = ["all", "retry-after", "x-ratelimit", "none"];

/** The options with every default filled in; a RangeError names the first one that is out of range. */
export function validRateLimit(options: RateLimitOptions): Required<RateLimitOptions> {
  if (!(options.burst >= 1) || !(options.perSecond > 0) || !Number.isFinite(options.burst) || !Number.isFinite(options.perSecond)) {
    throw new RangeError("rateLimit needs a finite burst >= 1 and perSecond > 0");
  }
  const reset = options.reset ?? "bucket-full";
  const headers = options.headers ?? "all";
  const retryAfter = options.retryAfter ?? "seconds";
  if (!RESET_MEANINGS.includes(reset)) throw new RangeError(`rateLimit.reset must be one of ${RESET_MEANINGS.join(", ")}`);
  if (!HEADER_STYLES.includes(headers)) throw new RangeError(`rateLimit.headers must be one of ${HEADER_STYLES.join(", ")}`);
  if (retryAfter !== "seconds" && retryAfter !== "http-date") throw new RangeError('rateLimit.retryAfter must be "seconds" or "http-date"');
  return { burst: options.burst, perSecond: options.perSecond, reset, headers, retryAfter };
}
