import { RequestAbortedError, RequestTimeoutError } from "../core/errors.js";
import type { Middleware } from "../core/pipeline.js";
import { AttemptAbort, withAttemptAbort } from "../core/attempt-abort.js";

/**
 * Gives each attempt its own time budget (`request.timeoutMs`): the links below see a signal that fires on the
 * caller's abort or when the budget runs out, and a timed-out attempt throws `RequestTimeoutError`. The budget covers
 * the response body too, except for streams, which only have to start in time. The signal is made only when a link
 * reads it (see `AttemptAbort`: a transport can listen for the abort without one).
 */
export function timeout(): Middleware {
  return async (request, next) => {
    const caller = request.signal;
    if (caller?.aborted) throw new RequestAbortedError(caller.reason);
    const ms = request.timeoutMs;
    if (!(ms > 0 && ms < Infinity)) return next(request);

    const abort = new AttemptAbort();
    const onCallerAbort = (): void => abort.abort(caller?.reason);
    caller?.addEventListener("abort", onCallerAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort(new RequestTimeoutError(ms));
    }, ms);
    const streaming = request.responseBody === "stream";
    try {
      return await next(withAttemptAbort(request, abort));
    } catch (error) {
      if (timedOut && !caller?.aborted) throw new RequestTimeoutError(ms);
      throw error;
    } finally {
      clearTimeout(timer);
      // A stream keeps listening: the caller's abort must still end it after the headers arrived.
      if (!streaming) caller?.removeEventListener("abort", onCallerAbort);
    }
  };
}
