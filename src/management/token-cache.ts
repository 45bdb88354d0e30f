/** A client-credentials token as a cache holds it. */
export interface CachedToken {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/**
 * Where client-credentials tokens are kept between requests. The default keeps them in the client's memory; a shared
 * store (Redis, a KV namespace) lets many processes use one token. Methods may be sync or async.
 */
export interface TokenCache {
  get(key: string): CachedToken | undefined | Promise<CachedToken | undefined>;
  set(key: string, token: CachedToken): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

export function memoryTokenCache(): TokenCache {
  const tokens = new Map<string, CachedToken>();
  return {
    get: (key) => tokens.get(key),
    set: (key, token) => void tokens.set(key, token),
    delete: (key) => void tokens.delete(key),
  };
}
