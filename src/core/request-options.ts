import { assertHeader } from "./validate.js";

/** A header value, or a function that supplies one per request. `null`/`undefined` removes the header. */
export type HeaderValue =
  | string
  | null
  | undefined
  | (() => string | null | undefined | Promise<string | null | undefined>);

/** Options accepted as the last argument of every API method. */
export interface RequestOptions {
  /** Per-attempt time budget in seconds. Default: the client's `timeoutInSeconds`, else 60. */
  timeoutInSeconds?: number;
  /** Retries after the first attempt (0 disables). Default: the client's `maxRetries`, else 2. */
  maxRetries?: number;
  /** Cancels the call, including a retry that is waiting. */
  abortSignal?: AbortSignal;
  /** Extra query parameters; they override same-name parameters of the method. */
  queryParams?: Record<string, unknown>;
  /** Extra headers; they override the client's headers. */
  headers?: Record<string, HeaderValue>;
}

/**
 * Send `Auth0-Custom-Domain` on this call, whatever its path. A value no header can carry (CR, LF, NUL, a character
 * above U+00FF) throws an `InvalidInputError` here.
 */
export function CustomDomainHeader(domain: string): Partial<RequestOptions> {
  assertHeader("auth0-custom-domain", domain);
  return { headers: { "Auth0-Custom-Domain": domain } };
}

export function withTimeout(seconds: number): Partial<RequestOptions> {
  return { timeoutInSeconds: seconds };
}

export function withRetries(retries: number): Partial<RequestOptions> {
  return { maxRetries: retries };
}

export function withHeaders(headers: Record<string, string>): Partial<RequestOptions> {
  return { headers };
}

export function withAbortSignal(signal: AbortSignal): Partial<RequestOptions> {
  return { abortSignal: signal };
}
