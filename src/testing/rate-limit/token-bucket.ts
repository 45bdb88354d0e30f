export interface RateLimitOptions {
  /** Bucket size: how many requests may arrive at once. */
  readonly burst: number;
  /** Refill rate in requests per second. */
  readonly perSecond: number;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** `x-ratelimit-*` headers, plus `retry-after` when refused. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Auth0's tenant limit is a token bucket. Every answer says where the bucket stands: `x-ratelimit-limit` (size),
 * `x-ratelimit-remaining` (whole tokens left) and `x-ratelimit-reset` (epoch seconds: when it is full again, or when
 * the next token arrives if it is empty, which is when a refused caller should come back).
 */
export class TokenBucket {
  #options: RateLimitOptions;
  #tokens: number;
  #updatedAt: number;

  constructor(
    options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.#options = validated(options);
    this.#tokens = this.#options.burst;
    this.#updatedAt = now();
  }

  get options(): RateLimitOptions {
    return this.#options;
  }

  /** Change the limits; the bucket starts full. */
  configure(options: RateLimitOptions): void {
    this.#options = validated(options);
    this.refill();
  }

  /** Fill the bucket to the brim (used by `reset()`). */
  refill(): void {
    this.#tokens = this.#options.burst;
    this.#updatedAt = this.now();
  }

  take(): RateLimitDecision {
    const now = this.now();
    const { burst, perSecond } = this.#options;
    this.#tokens = Math.min(burst, this.#tokens + ((now - this.#updatedAt) / 1000) * perSecond);
    this.#updatedAt = now;

    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      const secondsToFull = (burst - this.#tokens) / perSecond;
      return { allowed: true, headers: this.#headers(now, secondsToFull) };
    }
    const secondsToNextToken = (1 - this.#tokens) / perSecond;
    return {
      allowed: false,
      headers: {
        ...this.#headers(now, secondsToNextToken),
        "retry-after": String(Math.max(1, Math.ceil(secondsToNextToken))),
      },
    };
  }

  #headers(now: number, secondsAhead: number): Record<string, string> {
    return {
      "x-ratelimit-limit": String(this.#options.burst),
      "x-ratelimit-remaining": String(Math.floor(this.#tokens)),
      "x-ratelimit-reset": String(Math.ceil(now / 1000 + secondsAhead)),
    };
  }
}

function validated(options: RateLimitOptions): RateLimitOptions {
  if (!(options.burst >= 1) || !(options.perSecond > 0)) {
    throw new RangeError("rateLimit needs burst >= 1 and perSecond > 0");
  }
  return { burst: options.burst, perSecond: options.perSecond };
}
