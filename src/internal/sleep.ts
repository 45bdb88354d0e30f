import { RequestAbortedError } from "../core/errors.js";
import { setTimer } from "./timer.js";

/**
 * Wait `ms`, or reject with `RequestAbortedError` as soon as `signal` fires; no timer outlives the wait, and a delay
 * beyond what `setTimeout` can hold is honoured rather than overflowing into an immediate wake-up.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new RequestAbortedError(signal.reason));
    const onAbort = (): void => {
      cancel();
      reject(new RequestAbortedError(signal?.reason));
    };
    const cancel = setTimer(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
