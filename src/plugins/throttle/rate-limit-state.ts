/**
 * What a client has learned about the tenant's rate-limit bucket from `x-ratelimit-limit / -remaining / -reset`, and
 * the local estimate of tokens left between answers. Auth0's limit is a token bucket: `limit` is its size,
 * `remaining` the whole tokens left, `reset` the epoch second when it is full again (or, when empty, when the next
 * token arrives).
 */
export class RateLimitState {
  #limit: number | undefined;
  #tokens = 0;
  /** Tokens per millisecond; the best (highest) estimate seen, since `reset` is rounded up and only ever lowers it. */
  #rate = 0;
  #updatedAt = 0;
  /** Until when nothing may be sent (after a 429 while the refill rate is still unknown). */
  #blockedUntil = 0;
  /** The last `reset` the tenant gave, epoch ms. */
  #resetAt = 0;

  /** Nothing learned yet: let requests through. */
  get known(): boolean {
    return this.#limit !== undefined;
  }

  /** Milliseconds until a token is available (0: take one now). */
  wait(now: number): number {
    if (now < this.#blockedUntil) return this.#blockedUntil - now;
    if (this.#limit === undefined) return 0;
    this.#refill(now);
    if (this.#tokens >= 1) return 0;
    if (this.#rate > 0) return Math.ceil((1 - this.#tokens) / this.#rate);
    // No refill rate learned: wait for the tenant's reset if it named one ahead, else hold nothing back (a 429 then
    // goes to the retry link). Never wait without a time the tenant gave.
    return this.#resetAt > now ? this.#resetAt - now : 0;
  }

  /** Spend a token for a request about to leave. */
  take(now: number): void {
    if (this.#limit === undefined) return;
    this.#refill(now);
    this.#tokens -= 1;
  }

  /**
   * Learn from an answer. `othersInFlight` requests left after this one and may not be counted in its `remaining` yet,
   * so they are subtracted to stay on the safe side.
   */
  observe(headers: Headers, status: number, now: number, othersInFlight: number): void {
    const limit = Number(headers.get("x-ratelimit-limit"));
    const remaining = Number(headers.get("x-ratelimit-remaining"));
    const reset = Number(headers.get("x-ratelimit-reset")) * 1000;
    if (!(limit > 0) || !Number.isFinite(remaining) || headers.get("x-ratelimit-remaining") === null) {
      if (status === 429) this.#blockFor(headers, now);
      return;
    }
    this.#limit = limit;
    this.#refill(now);
    // The tenant's count is the truth as of this answer; requests still out may not be in it yet.
    this.#tokens = status === 429 ? 0 : Math.max(0, remaining - othersInFlight);
    this.#resetAt = reset;
    // `remaining` is rounded down and `reset` up, so (limit − remaining − 1) tokens over the time to reset is a lower
    // bound of the refill rate: the estimate may be slow at first but never sends a request too early.
    const untilReset = reset - now;
    if (untilReset > 0 && remaining < limit - 1 && status !== 429) {
      this.#rate = Math.max(this.#rate, (limit - remaining - 1) / untilReset);
    }
    // A 429 empties the bucket (done above) and, with no rate learned yet, blocks until the tenant's reset. It does not
    // lower the rate: the estimate is a lower bound already, and a burst of 429s sent before anything was learned
    // would otherwise shrink it geometrically (50 of them: 0.9^50, a 47 s wait for what refills in 0.2 s).
    if (status === 429 && this.#rate === 0) this.#blockFor(headers, now);
    this.#updatedAt = now;
  }

  #refill(now: number): void {
    if (this.#limit === undefined) return;
    if (this.#updatedAt > 0 && this.#rate > 0) this.#tokens = Math.min(this.#limit, this.#tokens + (now - this.#updatedAt) * this.#rate);
    this.#updatedAt = now;
  }

  #blockFor(headers: Headers, now: number): void {
    const retryAfter = Number(headers.get("retry-after"));
    const reset = Number(headers.get("x-ratelimit-reset")) * 1000;
    const until = retryAfter > 0 ? now + retryAfter * 1000 : reset > now ? reset : now + 1000;
    this.#blockedUntil = Math.max(this.#blockedUntil, until);
  }
}
