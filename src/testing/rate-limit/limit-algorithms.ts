/** Where a limit stands after one request asked for a token. Times are epoch milliseconds. */
export interface Standing {
  readonly allowed: boolean;
  /** Whole tokens left after this request. */
  readonly remaining: number;
  /** The moment `x-ratelimit-reset` names (before rounding to a second). */
  readonly resetAt: number;
  /** For a refused request: when a token is there again. */
  readonly availableAt: number;
}

export interface LimitAlgorithm {
  take(now: number): Standing;
  /** Back to a full bucket or an unused window. */
  refill(now: number): void;
}

/**
 * Auth0's kind of limit: a bucket of `burst` tokens refilled continuously at `perSecond`. `reset` names either the
 * moment it is full again or the moment the next whole token arrives.
 */
export class TokenBucketLimit implements LimitAlgorithm {
  #tokens: number;
  #updatedAt: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly reset: "bucket-full" | "next-token",
    now: number,
  ) {
    this.#tokens = burst;
    this.#updatedAt = now;
  }

  refill(now: number): void {
    this.#tokens = this.burst;
    this.#updatedAt = now;
  }

  take(now: number): Standing {
    const perMs = this.perSecond / 1000;
    this.#tokens = Math.min(this.burst, this.#tokens + Math.max(0, now - this.#updatedAt) * perMs);
    this.#updatedAt = now;
    const allowed = this.#tokens >= 1;
    if (allowed) this.#tokens -= 1;
    const tokens = this.#tokens;
    const full = now + (this.burst - tokens) / perMs;
    // The next whole token: when the count of whole tokens goes up by one (now, if the bucket is already full).
    const nextToken = tokens >= this.burst ? now : now + (Math.floor(tokens) + 1 - tokens) / perMs;
    return {
      allowed,
      remaining: Math.floor(tokens),
      resetAt: this.reset === "bucket-full" ? full : nextToken,
      availableAt: now + Math.max(0, 1 - tokens) / perMs,
    };
  }
}

/** A fixed window: `burst` requests per window of `burst / perSecond` seconds, windows aligned to the epoch. */
export class FixedWindowLimit implements LimitAlgorithm {
  readonly #windowMs: number;
  #window = Number.NaN;
  #used = 0;

  constructor(
    private readonly burst: number,
    perSecond: number,
  ) {
    this.#windowMs = (burst / perSecond) * 1000;
  }

  refill(): void {
    this.#used = 0;
  }

  take(now: number): Standing {
    const window = Math.floor(now / this.#windowMs);
    if (window !== this.#window) {
      this.#window = window;
      this.#used = 0;
    }
    const allowed = this.#used < this.burst;
    if (allowed) this.#used += 1;
    const end = (window + 1) * this.#windowMs;
    return { allowed, remaining: this.burst - this.#used, resetAt: end, availableAt: allowed ? now : end };
  }
}
