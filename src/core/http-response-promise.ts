import type { RawResponse } from "./http.js";

export interface WithRawResponse<T> {
  readonly data: T;
  readonly rawResponse: RawResponse;
}

/**
 * What every non-paginated method returns: awaiting it gives the parsed body; `.withRawResponse()` gives the body
 * and the response's status and headers (rate-limit headers included). The request starts when the method is called.
 */
export class HttpResponsePromise<T> extends Promise<T> {
  readonly #inner: Promise<WithRawResponse<T>>;
  #data: Promise<T> | undefined;

  private constructor(inner: Promise<WithRawResponse<T>>) {
    // The base promise is never used: `then` is redirected to the call's result below.
    super((resolve) => resolve(undefined as T));
    this.#inner = inner;
  }

  static fromPromise<T>(promise: Promise<WithRawResponse<T>>): HttpResponsePromise<T> {
    return new HttpResponsePromise(promise);
  }

  // Promise methods (then/catch/finally) on a subclass construct the species; plain promises are what callers get.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  withRawResponse(): Promise<WithRawResponse<T>> {
    return this.#inner;
  }

  // catch() and finally() go through then(), so overriding it alone redirects them all.
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    // `any`, exactly as lib.es5's Promise#then: callers annotate the reason (e.g. `(error: Error) => …`).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#unwrap().then(onfulfilled, onrejected);
  }

  #unwrap(): Promise<T> {
    return (this.#data ??= this.#inner.then((result) => result.data));
  }
}
