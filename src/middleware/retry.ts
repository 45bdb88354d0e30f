import { InvalidInputError, NetworkError, RequestAbortedError } from "../core/errors.js";
import { emit, type ClientHookable, type RetryReason } from "../core/hooks.js";
import type { PipelineRequest, PipelineResponse } from "../core/http.js";
import type { PipelineMiddleware } from "../core/pipeline.js";
import { sleep } from "../internal/sleep.js";

export interface RetryOptions {
  /** First backoff step in ms (default 1000), doubled per attempt. */
  initialDelayMs?: number;
  /** Cap for any single wait, including one asked for by `Retry-After` (default 60000). */
  maxDelayMs?: number;
  /**
   * Also replay POST and PATCH when the server may have processed them (any 5xx, a connection reset). Default false:
   * they are replayed only on 408, 429 and 503, or when the connection was never established.
   */
  retryNonIdempotent?: boolean;
  /** Which statuses to retry (default: 408, 429 and 5xx). */
  statuses?: (status: number) => boolean;
  /** Which network error codes to retry for idempotent requests (default: ECONNRESET, EPIPE, ECONNABORTED and undici's socket errors). */
  networkCodes?: ReadonlySet<string>;
  /**
   * Replaces the wait policy: the delay before retry number `retry` (1, 2, …). Default: `Retry-After`, then
   * `X-RateLimit-Reset`, then exponential backoff from `initialDelayMs` with ±10% jitter.
   */
  delay?: (retry: number, response: PipelineResponse | undefined) => number;
  /** Source of randomness for jitter (tests pin it). */
  random?: () => number;
  /** How to wait (tests observe the delays without spending them). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock `Retry-After` dates and `X-RateLimit-Reset` are read against, epoch ms (default `Date.now`). */
  now?: () => number;
  hooks?: ClientHookable;
  onHookError?: (error: unknown) => void;
}

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/**
 * Set on `request.context` by a caller that knows its POST is safe to send twice (a client-credentials grant: a
 * second token is harmless), so it is retried like an idempotent request.
 */
export const REPLAY_SAFE = "auth0.replaySafe";
/**
 * Set on `request.context` by a link below `retry` (the throttle) that holds the retry of a 429 in its own queue until
 * this time (epoch ms): the retry link then sends the retry at once, and reports the time left as its delay.
 */
export const RETRY_AT = "auth0.retryAt";
/** Statuses that say the server did not act on the request, so any method may be replayed. */
const NOT_PROCESSED_STATUSES = new Set([408, 429, 503]);
/** Connection failures after which the request may have reached the server. */
const MAYBE_SENT_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);
/** Connection failures before anything was sent. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

const defaultStatuses = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * Retries transient failures with exponential backoff and jitter, honouring `Retry-After` (seconds or an HTTP date)
 * and then `X-RateLimit-Reset`; every wait, a custom `delay`'s included, is capped at `maxDelayMs`. The retry of a 429
 * the throttle holds in its own queue ({@link RETRY_AT}) is sent at once, to wait there. The request's `maxRetries` bounds the attempts. A body
 * that cannot be replayed (a stream) is never retried; a caller's abort stops a pending wait at once.
 */
export function retry(options: RetryOptions = {}): PipelineMiddleware {
  const initialDelayMs = options.initialDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  if (typeof maxDelayMs !== "number" || !(maxDelayMs >= 0) || !Number.isFinite(maxDelayMs)) {
    throw new InvalidInputError("retry.maxDelayMs", "retry.maxDelayMs must be a finite number of milliseconds >= 0");
  }
  const statuses = options.statuses ?? defaultStatuses;
  const random = options.random ?? Math.random;
  const onHookError = options.onHookError ?? (() => undefined);
  const wait = options.sleep ?? sleep;
  const now = options.now ?? Date.now;
  const maybeSentCodes = options.networkCodes ?? MAYBE_SENT_CODES;

  const reasonToRetry = (request: PipelineRequest, response: PipelineResponse | undefined, error: unknown): RetryReason | undefined => {
    const idempotent = options.retryNonIdempotent === true || IDEMPOTENT.has(request.method) || request.context[REPLAY_SAFE] === true;
    if (response !== undefined) {
      if (!statuses(response.status)) return undefined;
      return idempotent || NOT_PROCESSED_STATUSES.has(response.status) ? { kind: "status", status: response.status } : undefined;
    }
    if (error instanceof NetworkError && error.code !== undefined) {
      if (NOT_SENT_CODES.has(error.code) || (idempotent && maybeSentCodes.has(error.code))) return { kind: "network", code: error.code };
    }
    return undefined;
  };

  const delayFor = (response: PipelineResponse | undefined, attempt: number): number => {
    const headers = response?.headers;
    const retryAfter = headers?.get("retry-after");
    if (retryAfter) {
      const seconds = Number(retryAfter);
      if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
      const date = Date.parse(retryAfter);
      if (!Number.isNaN(date) && date > now()) return date - now();
    }
    const reset = Number(headers?.get("x-ratelimit-reset"));
    if (Number.isFinite(reset) && reset * 1000 > now()) return (reset * 1000 - now()) * (1 + random() * 0.2);
    return initialDelayMs * 2 ** attempt * (1 + (random() - 0.5) * 0.2);
  };

  return async (request, next) => {
    for (let attempt = 0; ; attempt++) {
      request.attempt = attempt;
      let response: PipelineResponse | undefined;
      let failure: unknown;
      try {
        response = await next(request);
      } catch (error) {
        failure = error;
      }
      const reason = attempt < request.maxRetries && isReplayable(request.body) ? reasonToRetry(request, response, failure) : undefined;
      if (reason === undefined) {
        if (response !== undefined) return response;
        throw failure;
      }
      await discard(response);
      const heldUntil = request.context[RETRY_AT];
      delete request.context[RETRY_AT];
      // The throttle below holds this retry in its queue until the bucket reopens: no wait of our own on top.
      const held = options.delay === undefined && response?.status === 429 && typeof heldUntil === "number";
      const asked = held ? heldUntil - now() : options.delay ? options.delay(attempt + 1, response) : delayFor(response, attempt);
      // Every wait is capped, whatever a header or a custom policy asks (NaN counts as 0).
      const delayMs = Math.round(Math.min(Math.max(0, asked || 0), maxDelayMs));
      if (options.hooks) await emit(options.hooks, "request:retry", { request, attempt: attempt + 1, reason, delayMs }, onHookError);
      if (request.signal?.aborted) throw new RequestAbortedError(request.signal.reason);
      if (!held) await wait(delayMs, request.signal);
    }
  };
}

function isReplayable(body: unknown): boolean {
  return !(typeof ReadableStream !== "undefined" && body instanceof ReadableStream);
}

/** A retried response's stream would otherwise hold its connection open. */
async function discard(response: PipelineResponse | undefined): Promise<void> {
  if (response !== undefined && typeof ReadableStream !== "undefined" && response.body instanceof ReadableStream) {
    await response.body.cancel().catch(() => undefined);
  }
}
