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

const ATTEMPT_ABORT = Symbol("auth0.attemptAbort");

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

  /** Whether `signal` is the one this abort drives. */
  drives(signal: unknown): boolean {
    return this.#controller !== undefined && this.#controller.signal === signal;
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

function lazySignal(this: { [ATTEMPT_ABORT]: AttemptAbort }): AbortSignal {
  return this[ATTEMPT_ABORT].signal;
}

/**
 * The request for one attempt: `signal` reads as a real `AbortSignal` (made on first read) that `abort` drives. The
 * abort itself rides along under a symbol that is not enumerable, so a link below that rebuilds the request
 * (`{ ...request }`) passes on a plain signal property and the transport falls back to it.
 */
export function withAttemptAbort<T extends object>(request: T, abort: AttemptAbort): T & { readonly signal: AbortSignal } {
  const attempt = { ...request };
  Object.defineProperties(attempt, {
    signal: { get: lazySignal, enumerable: true, configurable: true },
    [ATTEMPT_ABORT]: { value: abort, enumerable: false, configurable: true },
  });
  return attempt as T & { readonly signal: AbortSignal };
}

/**
 * What aborts a request, for a transport: the timeout link's abort while the request's `signal` is still its own
 * (no `AbortSignal` made), else `request.signal` itself — a link below may have put its own there.
 */
export function abortSourceOf(request: { readonly signal?: AbortSignal | undefined }): AbortSource | undefined {
  const abort = (request as { [ATTEMPT_ABORT]?: AttemptAbort })[ATTEMPT_ABORT];
  if (abort !== undefined) {
    const descriptor = Object.getOwnPropertyDescriptor(request, "signal");
    if (descriptor !== undefined && (descriptor.get === lazySignal || abort.drives(descriptor.value))) return abort;
  }
  return request.signal;
}
