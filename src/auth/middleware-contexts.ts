/**
 * v4's and v5's object-style middleware (`pre`, `post`, `onError` hooks) and the contexts the hooks get. The
 * `middleware` option of `AuthenticationClient`, `UserInfoClient` and every `auth0/legacy` client runs them (see
 * `hook-middleware.ts`). The chain's own function-style links are `PipelineMiddleware`.
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

/**
 * v5's (and v4's) `Middleware`: hooks around each call, each optional. A hook may return a replacement (a new
 * `{ url, init }` from `pre`, a `Response` from `post` or `onError`) or nothing to keep what it was given.
 */
export interface Middleware {
  /** Runs once before the first attempt. */
  pre?(context: RequestContext): Promise<FetchParams | void> | FetchParams | void;
  /** Runs once after a 2xx response (after any retries). */
  post?(context: ResponseContext): Promise<Response | void> | Response | void;
  /** Runs once when the call ends without a response or with a status outside 200–299 (after any retries). */
  onError?(context: ErrorContext): Promise<Response | void> | Response | void;
}
