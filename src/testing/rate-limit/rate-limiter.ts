import type { LimitAlgorithm, Standing } from "./limit-algorithms.js";
import { FixedWindowLimit, TokenBucketLimit } from "./limit-algorithms.js";
import { validRateLimit, type RateLimitOptions } from "./options.js";

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** The rate-limit headers this tenant sends with the answer (which ones depends on `headers`). */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * One of the tenant's limits (the Management API's, or the Authentication API's): the algorithm its options choose,
 * read on the tenant's clock, and the headers its answers carry.
 */
export class RateLimiter {
  #options: Required<RateLimitOptions>;
  #limit: LimitAlgorithm;

  constructor(
    options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.#options = validRateLimit(options);
    this.#limit = this.#create();
  }

  get options(): Required<RateLimitOptions> {
    return this.#options;
  }

  /** Change the limit; it starts full. */
  configure(options: RateLimitOptions): void {
    this.#options = validRateLimit(options);
    this.#limit = this.#create();
  }

  /** Back to full (used by `reset()`). */
  refill(): void {
    this.#limit.refill(this.now());
  }

  take(): RateLimitDecision {
    const now = this.now();
    const standing = this.#limit.take(now);
    return { allowed: standing.allowed, headers: this.#headers(standing, now) };
  }

  #create(): LimitAlgorithm {
    const { burst, perSecond, reset } = this.#options;
    return reset === "window-end" ? new FixedWindowLimit(burst, perSecond) : new TokenBucketLimit(burst, perSecond, reset, this.now());
  }

  #headers(standing: Standing, now: number): Record<string, string> {
    const { headers: style, retryAfter } = this.#options;
    const headers: Record<string, string> = {};
    if (style === "all" || style === "x-ratelimit") {
      headers["x-ratelimit-limit"] = String(this.#options.burst);
      headers["x-ratelimit-remaining"] = String(standing.remaining);
      headers["x-ratelimit-reset"] = String(Math.ceil(standing.resetAt / 1000));
    }
    if (!standing.allowed && (style === "all" || style === "retry-after")) {
      const seconds = (standing.availableAt - now) / 1000;
      headers["retry-after"] =
        retryAfter === "http-date" ? new Date(Math.ceil(standing.availableAt / 1000) * 1000).toUTCString() : String(Math.max(1, Math.ceil(seconds)));
    }
    return headers;
  }
}
