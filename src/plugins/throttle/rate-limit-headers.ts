/** What one answer says about the rate limit, each field only when the header is there and makes sense. */
export interface RateLimitReading {
  /** `x-ratelimit-limit`: the bucket's size. */
  readonly limit: number | undefined;
  /** `x-ratelimit-remaining`: whole tokens left after this request. */
  readonly remaining: number | undefined;
  /** `x-ratelimit-reset` as epoch ms on the tenant's clock. */
  readonly resetAt: number | undefined;
  /** `x-ratelimit-reset` given as seconds from now instead of a time (some gateways do), in ms. */
  readonly resetInMs: number | undefined;
  /** `retry-after` in seconds, in ms. */
  readonly retryAfterMs: number | undefined;
  /** `retry-after` as an HTTP date: epoch ms on the tenant's clock. */
  readonly retryAt: number | undefined;
  /** `date`: the tenant's clock when it answered, epoch ms (whole seconds). */
  readonly date: number | undefined;
}

/** Epoch seconds are above this (2001-09-09); a smaller `reset` is a number of seconds from now. */
const EPOCH_SECONDS_FROM = 1e9;
/** Epoch milliseconds are above this; a larger `reset` was sent in ms. */
const EPOCH_MS_FROM = 1e12;

export function readRateLimit(headers: Headers): RateLimitReading {
  const limit = positive(headers.get("x-ratelimit-limit"));
  const remainingText = headers.get("x-ratelimit-remaining");
  const remaining = remainingText === null || remainingText.trim() === "" ? undefined : Number(remainingText);
  const reset = positive(headers.get("x-ratelimit-reset"));
  const retryAfter = headers.get("retry-after")?.trim();
  const retrySeconds = retryAfter === undefined || retryAfter === "" ? undefined : Number(retryAfter);
  const retryDate = retryAfter !== undefined && retrySeconds !== undefined && Number.isNaN(retrySeconds) ? Date.parse(retryAfter) : Number.NaN;
  const date = Date.parse(headers.get("date") ?? "");
  return {
    limit,
    remaining: remaining !== undefined && Number.isFinite(remaining) && remaining >= 0 ? Math.floor(remaining) : undefined,
    resetAt: reset === undefined || reset < EPOCH_SECONDS_FROM ? undefined : reset >= EPOCH_MS_FROM ? reset : reset * 1000,
    resetInMs: reset !== undefined && reset < EPOCH_SECONDS_FROM ? reset * 1000 : undefined,
    retryAfterMs: retrySeconds !== undefined && Number.isFinite(retrySeconds) && retrySeconds >= 0 ? retrySeconds * 1000 : undefined,
    retryAt: Number.isNaN(retryDate) ? undefined : retryDate,
    date: Number.isNaN(date) ? undefined : date,
  };
}

function positive(text: string | null): number | undefined {
  if (text === null || text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** `x-ratelimit-reset` on the client's clock (`offsetMs`: client minus tenant), or undefined. */
export function resetTime(reading: RateLimitReading, now: number, offsetMs = 0): number | undefined {
  if (reading.resetInMs !== undefined) return now + reading.resetInMs;
  return reading.resetAt === undefined ? undefined : reading.resetAt + offsetMs;
}

/**
 * How long a 429 asks to wait, in ms: the earlier of `retry-after` (seconds or an HTTP date) and an
 * `x-ratelimit-reset` ahead — each is a time by which a token is there again, so the earlier one is too
 * (`retry-after` is rounded up to whole seconds). Undefined when it names no time (a bare 429).
 */
export function namedWait(reading: RateLimitReading, now: number, offsetMs = 0): number | undefined {
  let wait: number | undefined;
  if (reading.retryAfterMs !== undefined) wait = reading.retryAfterMs;
  else if (reading.retryAt !== undefined) wait = Math.max(0, reading.retryAt + offsetMs - now);
  const reset = resetTime(reading, now, offsetMs);
  if (reset !== undefined && reset > now) wait = Math.min(wait ?? Number.POSITIVE_INFINITY, reset - now);
  return wait;
}

/**
 * How long a rate-limited answer asks the client to wait, in ms, read from its headers as the throttle reads them:
 * the earlier of `retry-after` (seconds or an HTTP date) and an `x-ratelimit-reset` ahead; undefined when the answer
 * names no time. For links of your own that pause on a 429.
 */
export function rateLimitWaitMs(headers: Headers, now: number = Date.now()): number | undefined {
  return namedWait(readRateLimit(headers), now);
}

