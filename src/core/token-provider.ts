/** Supplies the bearer token the `auth` link puts on each request. */
export interface TokenProvider {
  getToken(): Promise<string>;
  /**
   * Forget a token the server rejected with 401, so the next `getToken` fetches a fresh one. Providers that cannot
   * refresh (a fixed token) leave it out, and the `auth` link then does not replay the request.
   */
  invalidate?(token: string): void;
}

/** Marks a request the `auth` link must leave alone (the token request itself, a call with its own credentials). */
export const SKIP_AUTH = "auth0.skipAuth";

/**
 * An origin one call may send the token to besides the client's own: set in a request's `context` by a caller who
 * named it explicitly (`client.fetch(url, init, { trustOrigin })`), for that request only.
 */
export const TRUSTED_ORIGIN = "auth0.trustedOrigin";
