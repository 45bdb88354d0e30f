import { RequestAbortedError } from "../../core/errors.js";
import type { PipelineResponse } from "../../core/http.js";
import type { Middleware } from "../../core/pipeline.js";
import { RateLimitState } from "./rate-limit-state.js";

export interface ThrottleOptions {
  /** Which bucket a request draws from (default: one per client, Auth0's tenant-wide limit). */
  bucket?: (request: { method: string; operation: { path: string } }) => string;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * Client-side rate limiting that learns the tenant's bucket from its `x-ratelimit-*` headers and queues requests
 * when it has said the bucket is empty, so a burst completes at the allowed rate instead of collecting 429s. It sits
 * inside the `retry` link: a 429 that still gets through (before the first answer has taught it the limit) goes back
 * to `retry`, which retries it within `maxRetries`, and the retry waits here for a token like any request. Until a
 * response has told it anything, it holds nothing back. State lives in the returned middleware: one per client.
 */
export function throttle(options: ThrottleOptions = {}): Middleware {
  const bucketOf = options.bucket ?? (() => "tenant");
  const buckets = new Map<string, Bucket>();
  const bucketFor = (key: string): Bucket => {
    let bucket = buckets.get(key);
    if (bucket === undefined) buckets.set(key, (bucket = new Bucket()));
    return bucket;
  };

  return async (request, next) => {
    const bucket = bucketFor(bucketOf(request));
    await bucket.acquire(request.signal);
    let response: PipelineResponse;
    try {
      response = await next(request);
    } catch (error) {
      bucket.release();
      throw error;
    }
    bucket.release(response);
    return response;
  };
}

/** One rate-limit bucket: the learned state, requests in flight, and a FIFO of requests waiting for a token. */
class Bucket {
  readonly state = new RateLimitState();
  inFlight = 0;
  readonly #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new RequestAbortedError(signal.reason));
    if (this.#queue.length === 0 && this.state.wait(Date.now()) === 0) {
      this.#admit();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.#queue.splice(this.#queue.indexOf(waiter), 1);
          reject(new RequestAbortedError(signal?.reason));
          this.wake();
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.wake();
    });
  }

  /** A request came back (or failed): learn from its headers and let waiting requests move. */
  release(response?: PipelineResponse): void {
    this.inFlight -= 1;
    if (response) this.state.observe(response.headers, response.status, Date.now(), this.inFlight);
    this.wake();
  }

  /** Admit queued requests while tokens last, then sleep until the next token. */
  wake(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#queue.length > 0) {
      const delay = this.state.wait(Date.now());
      if (delay > 0) {
        this.#timer = setTimeout(() => this.wake(), delay);
        return;
      }
      const waiter = this.#queue.shift()!;
      waiter.signal?.removeEventListener("abort", waiter.onAbort);
      this.#admit();
      waiter.resolve();
    }
  }

  #admit(): void {
    this.state.take(Date.now());
    this.inFlight += 1;
  }
}
