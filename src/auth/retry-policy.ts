import type { CoreClientConfig } from "../core/client.js";
import { InvalidInputError } from "../core/errors.js";
import type { RetryConfiguration } from "./client-options.js";

const DEFAULT_MAX_RETRIES = 3;
const MAX_RETRIES_CAP = 10;
const BASE_DELAY_MS = 500;
const MAX_JITTER_MS = 250;
const MAX_DELAY_MS = 10_000;

/** The network failures v5 retries; the core's policy still never replays a POST the server may have processed. */
export const RETRIED_NETWORK_CODES: ReadonlySet<string> = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);

/**
 * v5's wait before retry `n` (1, 2, …): a random whole number in [w + 1, w + 250) with w = 500·2^(n−1), capped at
 * 10 s. `Retry-After` is not consulted, as in v5.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const base = BASE_DELAY_MS * 2 ** (retry - 1);
  const low = base + 1;
  const high = base + MAX_JITTER_MS;
  return Math.min(low + Math.floor(random() * (high - low)), MAX_DELAY_MS);
}

/** How v5's `retry` option maps onto the core's one `retry` link: which statuses, which waits, how many retries. */
export function retryPolicy(
  option: RetryConfiguration | undefined,
  enabledByDefault: boolean,
): { retry: NonNullable<CoreClientConfig["retry"]>; maxRetries: number } {
  if (option !== undefined && (option === null || typeof option !== "object")) {
    throw new InvalidInputError("retry", "The retry option must be an object: { enabled?, maxRetries?, retryWhen? }");
  }
  const retryWhen = option?.retryWhen ?? [429];
  if (!Array.isArray(retryWhen) || !retryWhen.every((status) => Number.isInteger(status))) {
    throw new InvalidInputError("retry.retryWhen", "retry.retryWhen must be an array of HTTP status codes");
  }
  const maxRetries = option?.maxRetries ?? DEFAULT_MAX_RETRIES;
  if (typeof maxRetries !== "number" || Number.isNaN(maxRetries)) {
    throw new InvalidInputError("retry.maxRetries", "retry.maxRetries must be a number");
  }
  const enabled = option?.enabled ?? enabledByDefault;
  const statuses = new Set(retryWhen);
  return {
    retry: { statuses: (status) => statuses.has(status), networkCodes: RETRIED_NETWORK_CODES, delay: (retry) => backoffDelay(retry) },
    maxRetries: enabled ? Math.max(0, Math.min(Math.floor(maxRetries), MAX_RETRIES_CAP)) : 0,
  };
}
