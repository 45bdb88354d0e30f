/**
 * The contexts of v4's and v5's object-style middleware hooks (`pre`, `post`, `onError`), which `auth0/legacy`'s
 * `middleware` option runs. (The `Middleware` of this entry is the core's: a function of the request and the next link.)
 */

/**
 * A `fetch` a hook may call to send a request of its own. v4 and v5 wrote the URL as `URL | Request | string`;
 * `RequestInfo` (`Request | string`) is a DOM-only name, so it is spelled out here.
 */
export type MiddlewareFetch = (url: URL | Request | string, init: RequestInit) => Promise<Response>;

export interface FetchParams {
  url: URL | Request | string;
  init: RequestInit;
}

export interface RequestContext {
  /** Sends a request of your own (with the client's timeout), outside the chain. */
  fetch: MiddlewareFetch;
  url: URL | Request | string;
  init: RequestInit;
}

export interface ResponseContext extends RequestContext {
  /** A clone: read it freely. */
  response: Response;
}

export interface ErrorContext extends RequestContext {
  /** What failed: a `TimeoutError`, or what `fetch` threw; undefined when the server answered with an error status. */
  error: unknown;
  /** The error response (a clone), when there was one. */
  response?: Response;
}
