/** The three Redis keys behind one cached token. */
export interface TokenKeys {
  /** The token itself, expiring before the token does. */
  readonly token: string;
  /** Held by the one process fetching a new token. */
  readonly lock: string;
  /** Why the last holder's fetch failed, briefly, for the processes that were waiting on it. */
  readonly failure: string;
}

/**
 * The core's cache key wrapped in braces, a Redis Cluster hash tag: the three keys of a token land on one node, so
 * one script can touch them all.
 */
export function tokenKeys(prefix: string, cacheKey: string): TokenKeys {
  const base = `${prefix}{${cacheKey}}`;
  return { token: base, lock: `${base}:lock`, failure: `${base}:failed` };
}
