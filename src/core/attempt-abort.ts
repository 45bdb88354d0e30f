/**
 * What ends one attempt — the caller's abort or the attempt's deadline — without making an `AbortSignal` until a link
 * reads `request.signal`. On Node 20 an `AbortSignal` costs ~6 µs to create and ~3 µs per listener, more than the
 * rest of the chain together; fetch needs a real one, but a transport that takes an EventTarget-like signal (undici's
 * dispatcher does) gets this object through `abortSourceOf()` and pays nothing of that.
 */

/** The part of an `AbortSignal` a transport listens to: what undici's dispatcher accepts as its `signal`. */
export interface AbortSource {
  /** Whether the request was aborted (the caller's abort or the attempt's deadline). */
  readonly aborted: boolean;
  /** Why: a `RequestTimeoutError` for the deadline, else the caller's reason. */
  readonly reason: unknown;
  /** Call `listener` once, when the request is aborted (never if it already was). */
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

export class AttemptAbort implements AbortSource {
  #aborted = false;
  #reason: unknown = undefined;
  #controller: AbortController | undefined;
  #listeners: Array<() => void> | undefined;

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  /** A real signal, made on first read, that fires with this abort (already aborted if it came first). */
  get signal(): AbortSignal {
    let controller = this.#controller;
    if (controller === undefined) {
      controller = this.#controller = new AbortController();
      if (this.#aborted) controller.abort(this.#reason);
    }
    return controller.signal;
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener.call(this);
  }

  addEventListener(type: "abort", listener: () => void): void {
    // As on an AbortSignal: a listener added after the abort is never called.
    if (type === "abort" && !this.#aborted) (this.#listeners ??= []).push(listener);
  }

  removeEventListener(type: "abort", listener: () => void): void {
    const listeners = this.#listeners;
    if (type !== "abort" || listeners === undefined) return;
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  }
}

/** The fields of a `PipelineRequest` besides `signal`, copied one by one (see `AttemptRequest`). */
const FIELDS = new Set(["method", "url", "headers", "body", "responseBody", "timeoutMs", "maxRetries", "maxResponseBytes", "signal", "operation", "attempt", "context", "fetchOptions"]);

/** Every attempt request's `signal`: an own, enumerable accessor, so `{ ...request }` copies a real signal. */
const SIGNAL: PropertyDescriptor = {
  get(this: AttemptRequest): AbortSignal {
    return AttemptRequest.abortOf(this).signal;
  },
  enumerable: true,
  configurable: true,
};

/**
 * One attempt's request: the fields of the request it copies, and a `signal` made on first read. A class with a fixed
 * shape rather than `{ ...request }` plus an accessor, which V8 turns into a slow dictionary object (~1 µs a request).
 */
class AttemptRequest {
  readonly #abort: AttemptAbort;

  constructor(request: Record<string, unknown>, abort: AttemptAbort) {
    const self = this as unknown as Record<string, unknown>;
    self.method = request.method;
    self.url = request.url;
    self.headers = request.headers;
    self.body = request.body;
    self.responseBody = request.responseBody;
    self.timeoutMs = request.timeoutMs;
    self.maxRetries = request.maxRetries;
    self.maxResponseBytes = request.maxResponseBytes;
    self.operation = request.operation;
    self.attempt = request.attempt;
    self.context = request.context;
    self.fetchOptions = request.fetchOptions;
    this.#abort = abort;
    Object.defineProperty(this, "signal", SIGNAL);
    // Whatever else a link put on the request travels on too, as a spread would carry it.
    for (const key in request) if (!FIELDS.has(key)) self[key] = request[key];
  }

  static abortOf(request: AttemptRequest): AttemptAbort {
    return request.#abort;
  }
}

/** The request for one attempt: `signal` reads as a real `AbortSignal` (made on first read) that `abort` drives. */
export function withAttemptAbort<T extends object>(request: T, abort: AttemptAbort): T & { readonly signal: AbortSignal } {
  return new AttemptRequest(request as Record<string, unknown>, abort) as unknown as T & { readonly signal: AbortSignal };
}

/**
 * What aborts a request, for a transport: the timeout link's abort while the request is still the attempt's own and
 * its `signal` untouched (no `AbortSignal` made), else `request.signal` itself — a link below that rebuilt the request
 * or put its own signal there is obeyed.
 */
export function abortSourceOf(request: { readonly signal?: AbortSignal | undefined }): AbortSource | undefined {
  if (request instanceof AttemptRequest && Object.getOwnPropertyDescriptor(request, "signal")?.get === SIGNAL.get) return AttemptRequest.abortOf(request);
  return request.signal;
}
