import { RequestAbortedError } from "auth0";

/**
 * The default deadline of one Redis command: a healthy Redis answers in a millisecond or two; the margin covers a
 * fresh connection's TLS handshake and ready check (the first command waits for them).
 */
export const DEFAULT_COMMAND_TIMEOUT_MS = 500;

/**
 * A Redis command did not answer within `commandTimeoutMs`: the server is paused, overloaded or not a Redis, or the
 * connection is half-open. The plugins treat it as any Redis failure — fail open — so a hung Redis costs a call one
 * deadline, never the call itself.
 */
export class RedisCommandTimeoutError extends Error {
  /** Always `"RedisCommandTimeoutError"`. */
  override readonly name = "RedisCommandTimeoutError";
  /** The deadline that passed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** How long one command may take, and the caller's signal, which ends the wait at once. */
export interface CommandLimits {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** `commandTimeoutMs` as given, checked: a deadline must be a finite number of milliseconds > 0. */
export function commandTimeout(value: unknown): number {
  if (value === undefined) return DEFAULT_COMMAND_TIMEOUT_MS;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`commandTimeoutMs must be a finite number of milliseconds > 0, not ${String(value)}`);
  }
  return value;
}

/**
 * `command`'s answer, or `RedisCommandTimeoutError` once `limits.timeoutMs` passes, or `RequestAbortedError` as
 * soon as `limits.signal` fires. The command itself cannot be taken back from the connection; its late answer (or
 * failure) is dropped. No timer or listener outlives the wait.
 */
export function withDeadline<T>(command: Promise<T>, limits: CommandLimits): Promise<T> {
  const { timeoutMs, signal } = limits;
  if (signal?.aborted) {
    command.catch(() => undefined);
    return Promise.reject(new RequestAbortedError(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const done = (): void => {
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = (): void => {
      done();
      reject(new RequestAbortedError(signal?.reason));
    };
    // The deadline is checked after the event loop's next I/O poll: a busy process whose timer and reply come due in
    // the same turn reads the reply first, instead of blaming Redis for its own delay.
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return;
        done();
        reject(new RedisCommandTimeoutError(timeoutMs));
      });
    }, timeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    command.then(
      (value) => (done(), resolve(value)),
      (error: unknown) => (done(), reject(error)),
    );
  });
}
