import { retry, type ClientHookable, type PipelineMiddleware } from "auth0";

/** v4's `retry` option. */
export interface RetryConfiguration {
  /** Default true on the Management client. */
  enabled?: boolean;
  /** Retries after the first attempt: default 3, at most 10. */
  maxRetries?: number;
  /** HTTP statuses to retry: default `[429]`. */
  retryWhen?: number[];
}

const DEFAULT_MAX_RETRIES = 3;
const MAX_RETRIES_CAP = 10;
const BASE_DELAY_MS = 500;
const MAX_JITTER_MS = 250;
const MAX_DELAY_MS = 10_000;
/** v4 never retries a network failure. */
const NO_NETWORK_CODES: ReadonlySet<string> = new Set();

/** v4's wait before retry `n` (1, 2, …): a whole number in [w + 1, w + 250) with w = 500·2^(n−1), at most 10 s. */
export function backoffDelay(retryNumber: number, random: () => number = Math.random): number {
  const base = BASE_DELAY_MS * 2 ** (retryNumber - 1);
  const low = base + 1;
  const high = base + MAX_JITTER_MS;
  return Math.min(Math.floor(random() * (high - low) + low), MAX_DELAY_MS);
}

/** How many retries the option allows: 0 when disabled, else `maxRetries` (default 3) capped at 10. */
export function maxRetriesOf(option: RetryConfiguration | undefined): number {
  if (option?.enabled === false) return 0;
  const wanted = option?.maxRetries ?? DEFAULT_MAX_RETRIES;
  return Number.isFinite(wanted) ? Math.max(0, Math.min(Math.floor(wanted), MAX_RETRIES_CAP)) : 0;
}

/**
 * The core's `retry` link configured as v4 retries: only the `retryWhen` statuses (429 by default), any verb, no
 * network failure, v4's jittered backoff, no `Retry-After`. The number of retries travels on each request
 * (`maxRetriesOf`, given to the core as the client's `maxRetries`).
 */
export function legacyRetry(option: RetryConfiguration | undefined, hooks: ClientHookable, random?: () => number, sleep?: (ms: number, signal?: AbortSignal) => Promise<void>): PipelineMiddleware {
  const statuses = new Set(Array.isArray(option?.retryWhen) ? option.retryWhen : [429]);
  return retry({
    statuses: (status) => statuses.has(status),
    networkCodes: NO_NETWORK_CODES,
    retryNonIdempotent: true,
    delay: (retryNumber) => backoffDelay(retryNumber, random),
    hooks,
    ...(sleep ? { sleep } : {}),
  });
}
