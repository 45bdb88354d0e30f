import { RequestAbortedError, RequestTimeoutError } from "../core/errors.js";
import type { PipelineMiddleware } from "../core/pipeline.js";
import { AttemptAbort, withAttemptAbort } from "../core/attempt-abort.js";
import { onSettled } from "../internal/settled-stream.js";

/**
 * Gives each attempt its own time budget (`request.timeoutMs`): the links below see a signal that fires on the
 * caller's abort or when the budget runs out, and a timed-out attempt throws `RequestTimeoutError`. The budget covers
 * the response body too, except for streams, which only have to start in time. The signal is made only when a link
 * reads it (see `AttemptAbort`: a transport can listen for the abort without one).
 *
 * The transport never gets the caller's own signal, only this attempt's: fetch keeps its listener on a signal for as
 * long as the signal lives, so a long-lived signal shared by many calls would gather one listener per call. The
 * listener this link adds to the caller's signal goes when the attempt ends — for a stream, when its body has been
 * read to the end, cancelled or has failed.
 */
export function timeout(): PipelineMiddleware {
  return async (request, next) => {
    const caller = request.signal;
    if (caller?.aborted) throw new RequestAbortedError(caller.reason);
    const ms = request.timeoutMs;
    const limited = ms > 0 && ms < Infinity;
    if (!limited && caller === undefined) return next(request);

    const abort = new AttemptAbort();
    const onCallerAbort = (): void => abort.abort(caller?.reason);
    caller?.addEventListener("abort", onCallerAbort, { once: true });
    const release = (): void => caller?.removeEventListener("abort", onCallerAbort);
    let timedOut = false;
    const timer = limited
      ? setTimeout(() => {
          timedOut = true;
          abort.abort(new RequestTimeoutError(ms));
        }, ms)
      : undefined;
    let keepListening = false;
    try {
      const response = await next(withAttemptAbort(request, abort));
      // A stream keeps listening: the caller's abort must still end it after the headers arrived.
      if (request.responseBody === "stream" && typeof ReadableStream !== "undefined" && response.body instanceof ReadableStream) {
        keepListening = true;
        return { ...response, body: onSettled(response.body, release) };
      }
      return response;
    } catch (error) {
      if (timedOut && !caller?.aborted) throw new RequestTimeoutError(ms);
      throw error;
    } finally {
      clearTimeout(timer);
      if (!keepListening) release();
    }
  };
}
