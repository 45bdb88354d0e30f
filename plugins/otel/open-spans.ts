import type { HrTime, Span } from "@opentelemetry/api";

interface OpenAttempt {
  readonly span: Span;
  /** When the attempt's response (or failure) came back: the span's end, whenever it is ended. */
  readonly finishedAt: HrTime;
}

/**
 * The span of each call's latest attempt, kept open after the attempt finished until the `retry` link has decided
 * about it: either it schedules a retry (the `request:retry` hook adds an event, then ends the span) or the call
 * returns (the outer link ends it). Spans end with the attempt's own finish time, so durations stay exact.
 *
 * Keyed by the call's `request.context`, the one object every link and hook of a call shares (the `timeout` link
 * copies the request, not its context); a WeakMap, so a call that is never closed leaks nothing.
 */
export class OpenSpans {
  readonly #byCall = new WeakMap<object, OpenAttempt>();

  /** Hold `span` open for the call; an attempt the call still held is ended first. */
  hold(call: object, span: Span): void {
    this.end(call);
    this.#byCall.set(call, { span, finishedAt: preciseNow() });
  }

  /** The span of the call's finished attempt, while it is open. */
  get(call: object): Span | undefined {
    return this.#byCall.get(call)?.span;
  }

  end(call: object): void {
    const open = this.#byCall.get(call);
    if (open === undefined) return;
    this.#byCall.delete(call);
    open.span.end(open.finishedAt);
  }
}

/** Wall-clock time with sub-millisecond precision, as OpenTelemetry's [seconds, nanoseconds]. */
function preciseNow(): HrTime {
  const ms = performance.timeOrigin + performance.now();
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.min(999_999_999, Math.round((ms - seconds * 1000) * 1e6))];
}
