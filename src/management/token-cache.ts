/** A client-credentials token as a cache holds it. */
export interface CachedToken {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** What the token provider tells a cache's `getOrFetch`. */
export interface TokenCacheFetchOptions {
  /**
   * Whether a stored token may still be used: the provider's own test (it renews a token shortly before it expires,
   * and never takes back one the API just rejected). A token that fails it counts as missing.
   */
  isFresh(token: CachedToken): boolean;
  /** Ends a wait for someone else's fetch (the cache then rejects). */
  signal?: AbortSignal;
}

/**
 * Where client-credentials tokens are kept between requests. The default keeps them in the client's memory; a shared
 * store (Redis, a KV namespace) lets many processes use one token. Methods may be sync or async. Keys are
 * `auth0:token:<origin>:<clientId>:<audience>:<fingerprint>`, the fingerprint a one-way digest of the credential, so
 * clients with different secrets never share a token and the key never carries the secret.
 */
export interface TokenCache {
  /** The stored token, fresh or not (the provider judges), or `undefined`. */
  get(key: string): CachedToken | undefined | Promise<CachedToken | undefined>;
  /** Keep a token the provider fetched. */
  set(key: string, token: CachedToken): void | Promise<void>;
  /**
   * The API rejected `token` (401). A shared cache should drop the stored token only if it is still that one: every
   * process holding it is rejected at about the same time, and the first may already have stored a new one.
   */
  delete(key: string, token?: string): void | Promise<void>;
  /**
   * Return a fresh stored token, or run `fetch` — at most one fetch at a time among everyone sharing the cache — and
   * store its result. A shared cache implements it to make one token request for a whole fleet: with `get` / `set`
   * alone, processes that all find the cache empty all fetch. When present, the provider uses it instead of `get` and
   * `set`; `fetch` rejects with the token endpoint's error, which the cache passes on.
   */
  getOrFetch?(key: string, fetch: () => Promise<CachedToken>, options: TokenCacheFetchOptions): Promise<CachedToken>;
}

export function memoryTokenCache(): TokenCache {
  const tokens = new Map<string, CachedToken>();
  return {
    get: (key) => tokens.get(key),
    set: (key, token) => void tokens.set(key, token),
    // One cache may serve several clients: leave a token another client has already stored in place of the rejected one.
    delete: (key, token) => {
      if (token === undefined || tokens.get(key)?.accessToken === token) tokens.delete(key);
    },
  };
}
