import { RequestAbortedError, RequestTimeoutError } from "../../core/errors.js";
import type { PipelineRequest, PipelineResponse } from "../../core/http.js";
import type { ThrottleClock } from "./clock.js";
import { RateLimitState, type Ticket } from "./rate-limit-state.js";

interface Waiter {
  readonly request: PipelineRequest;
  readonly resolve: (ticket: Ticket) => void;
  readonly reject: (error: unknown) => void;
  /** Stop listening for the abort and the deadline. */
  release(): void;
}

/**
 * One rate-limit bucket: what is known of it, and the requests waiting for a token, each group in arrival order:
 * retries first (each was refused once already, and the time a 429 names is when a token is sure to be there), then
 * first attempts — except for a probe (a request sent to find out, while nothing is known), which is a first attempt
 * when there is one, since it has its retries left. A waiting request leaves the queue when the caller aborts, or when it has waited its own
 * timeout (`timeoutInSeconds`), having sent nothing.
 */
export class Bucket {
  readonly state: RateLimitState;
  readonly #clock: ThrottleClock;
  readonly #retries: Waiter[] = [];
  readonly #firsts: Waiter[] = [];
  #cancelTimer: (() => void) | undefined;

  constructor(state: RateLimitState, clock: ThrottleClock) {
    this.state = state;
    this.#clock = clock;
  }

  get queued(): number {
    return this.#retries.length + this.#firsts.length;
  }

  acquire(request: PipelineRequest): Promise<Ticket> {
    const signal = request.signal;
    if (signal?.aborted) return Promise.reject(new RequestAbortedError(signal.reason));
    const now = this.#clock.now();
    if (this.queued === 0 && this.state.wait(now) === 0) return Promise.resolve(this.state.take(now));
    return new Promise<Ticket>((resolve, reject) => {
      const queue = request.attempt > 0 ? this.#retries : this.#firsts;
      const leave = (error: unknown): void => {
        const index = queue.indexOf(waiter);
        if (index < 0) return;
        queue.splice(index, 1);
        waiter.release();
        reject(error);
        this.wake();
      };
      const onAbort = (): void => leave(new RequestAbortedError(signal?.reason));
      const timeoutMs = request.timeoutMs;
      const cancelDeadline =
        timeoutMs > 0 && timeoutMs < Number.POSITIVE_INFINITY
          ? this.#clock.setTimer(timeoutMs, () => leave(new RequestTimeoutError(timeoutMs, `Waited ${timeoutMs} ms (the request's timeout) for the tenant's rate limit; nothing was sent`)))
          : undefined;
      const waiter: Waiter = {
        request,
        resolve,
        reject,
        release: () => {
          signal?.removeEventListener("abort", onAbort);
          cancelDeadline?.();
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(waiter);
      this.wake();
    });
  }

  /** A request came back: learn from it and let waiting requests move. */
  answered(ticket: Ticket, response: PipelineResponse): void {
    this.state.observe(ticket, response.status, response.headers, this.#clock.now());
    this.wake();
  }

  /** A request failed without an answer. */
  failed(): void {
    this.state.fail();
    this.wake();
  }

  /** Let queued requests go while tokens last, then sleep until the next token (or the next answer). */
  wake(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    while (this.queued > 0) {
      const now = this.#clock.now();
      const delay = this.state.wait(now);
      if (delay > 0) {
        // Infinity: only an answer (which calls wake) can tell more; no timer then.
        if (delay < Number.POSITIVE_INFINITY) this.#cancelTimer = this.#clock.setTimer(delay, () => this.wake());
        return;
      }
      const [first, second] = this.state.probing ? [this.#firsts, this.#retries] : [this.#retries, this.#firsts];
      const waiter = (first.length > 0 ? first : second).shift()!;
      waiter.release();
      waiter.resolve(this.state.take(now));
    }
  }
}
