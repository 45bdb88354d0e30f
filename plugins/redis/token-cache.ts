import { randomUUID } from "node:crypto";
import type { CachedToken, TokenCache, TokenCacheFetchOptions } from "auth0";
import { RequestAbortedError } from "auth0";
import { commandTimeout } from "./deadline.js";
import { runScript, type LuaScript, type RedisClient } from "./redis-client.js";
import { SharedTokenError } from "./shared-token-error.js";
import { sleep } from "./sleep.js";
import { tokenKeys, type TokenKeys } from "./token-keys.js";
import { ABANDON, FORGET, READ, READ_OR_LOCK, STORE } from "./token-scripts.js";
import { describeFailure, fromStored, toLockReply, toStored, type LockReply } from "./token-values.js";

/** How `redisTokenCache` names its keys, and the timings of its lock. */
export interface RedisTokenCacheOptions {
  /** Put before every key, e.g. `"billing:"`. Default none: keys are `{auth0:token:<origin>:<clientId>:<audience>:<credential fingerprint>}` (+ `:lock`, `:failed`). */
  prefix?: string;
  /**
   * Take the token out of Redis this long before it expires (default 60 000 ms, at most half its lifetime), so one
   * process renews it under the lock while the others still use the old one — instead of every process renewing it
   * at once when their own, shorter, margin runs out. Keep it above the 10 s by which the core's provider renews a
   * token ahead of its expiry: a token the provider finds stale counts as missing, so with less every process would
   * renew under the lock, one after the other, at the end of each token's life.
   */
  refreshAheadMs?: number;
  /**
   * How long the lock lasts if its holder never finishes (default 10 000 ms): a process that dies while fetching
   * holds up the others this long, and one whose token request takes longer than this lets a second process fetch.
   */
  lockTtlMs?: number;
  /** How often a waiting process looks for the token (default 50 ms). */
  pollIntervalMs?: number;
  /** Longest a process waits for another's fetch before fetching a token itself (default 30 000 ms). */
  maxWaitMs?: number;
  /**
   * Redis failed. The cache then behaves as if empty (the process fetches its own token, and storing it is skipped),
   * so a Redis outage costs token requests, not failed calls. `operation` is `"get"` (reading the token or taking the
   * lock), `"set"` (storing a token), `"delete"` (dropping a rejected one) or `"abandon"` (releasing the lock after a
   * failed fetch). Default: ignore (ioredis reports its connection errors itself, as `error` events).
   */
  onError?: (error: unknown, operation: "get" | "set" | "delete" | "abandon") => void;
  /**
   * How long one Redis command may take, in milliseconds (default 500). Past it the command counts as a Redis failure
   * (`RedisCommandTimeoutError` to `onError`) and the cache behaves as if empty: a Redis that accepts connections but
   * never answers costs each call one deadline and a token request, never a hung call.
   */
  commandTimeoutMs?: number;
}

/** A `TokenCache` shared by every process on one Redis, which also makes sure only one of them fetches a token. */
export interface RedisTokenCache extends TokenCache {
  /** The stored token, if any (a plain read: the provider uses `getOrFetch`). */
  get(key: string): Promise<CachedToken | undefined>;
  /** Store a token, with a TTL that ends `refreshAheadMs` before it expires. */
  set(key: string, token: CachedToken): Promise<void>;
  /** Drop the token the API rejected, unless another process has already replaced it (without `token`: drop it). */
  delete(key: string, token?: string): Promise<void>;
  /** The stored token if fresh; else the one fetch of the fleet, under a lock in Redis — this process's or another's. */
  getOrFetch(key: string, fetch: () => Promise<CachedToken>, options: TokenCacheFetchOptions): Promise<CachedToken>;
}

/**
 * The Management client's `tokenCache` for a fleet of processes: one client-credentials token in Redis for all of
 * them, and one token request when it is missing, however many processes ask at once.
 *
 * The protocol, in `getOrFetch` (the provider's hook for a shared cache):
 * - Read the token; a fresh one is returned. Otherwise — in the same atomic step — take a lock (`SET NX PX`, a random
 *   owner id). The holder fetches, stores the token with a TTL that ends `refreshAheadMs` before the token does, and
 *   releases the lock if it still holds it (compare-and-delete). A failed fetch releases the lock too, leaving the
 *   reason for the processes waiting on that holder, and rethrows.
 * - A process that finds the lock taken polls until the token appears (returned), the holder's failure is recorded
 *   (a `SharedTokenError`), or the lock disappears without either (its holder died and the TTL ran out: the next poll
 *   takes the lock and this process fetches). The wait ends at `maxWaitMs` (the process then fetches itself) or when
 *   `options.signal` aborts.
 * - `delete` (the API answered 401) removes the stored token only if it is still the one the API rejected.
 */
export function redisTokenCache(redis: RedisClient, options: RedisTokenCacheOptions = {}): RedisTokenCache {
  const prefix = options.prefix ?? "";
  const refreshAheadMs = options.refreshAheadMs ?? 60_000;
  const lockTtlMs = options.lockTtlMs ?? 10_000;
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const onError = options.onError ?? (() => undefined);
  const failureTtlMs = Math.max(1_000, pollIntervalMs * 20);
  const timeoutMs = commandTimeout(options.commandTimeoutMs);

  const run = async (script: LuaScript, keys: TokenKeys, args: ReadonlyArray<string | number>, signal?: AbortSignal): Promise<unknown> =>
    runScript(redis, script, [keys.token, keys.lock, keys.failure], args, { timeoutMs, signal });

  /** Store `token`, releasing the lock if `owner` ('' for none) still holds it. A failure only costs the sharing. */
  const store = async (keys: TokenKeys, token: CachedToken, owner: string): Promise<void> => {
    const { value, ttlMs } = toStored(token, refreshAheadMs);
    try {
      await run(STORE, keys, [value, ttlMs, owner]);
    } catch (error) {
      onError(error, "set");
    }
  };

  /** Fetch and store; when the fetch fails under the lock, release it and tell the waiting processes why. */
  const fetchAndStore = async (keys: TokenKeys, fetch: () => Promise<CachedToken>, owner: string): Promise<CachedToken> => {
    let token: CachedToken;
    try {
      token = await fetch();
    } catch (error) {
      if (owner !== "") {
        await run(ABANDON, keys, [owner, describeFailure(error), failureTtlMs]).catch((redisError: unknown) => onError(redisError, "abandon"));
      }
      throw error;
    }
    await store(keys, token, owner);
    return token;
  };

  return {
    async getOrFetch(cacheKey, fetch, { isFresh, signal }) {
      const keys = tokenKeys(prefix, cacheKey);
      const giveUpAt = Date.now() + maxWaitMs;
      let awaited = "";
      let stale = "";
      for (;;) {
        if (signal?.aborted) throw new RequestAbortedError(signal.reason);
        const owner = randomUUID();
        let reply: LockReply;
        try {
          reply = toLockReply(await run(READ_OR_LOCK, keys, [owner, lockTtlMs, awaited, stale], signal));
        } catch (error) {
          if (error instanceof RequestAbortedError) throw error;
          onError(error, "get");
          return fetchAndStore(keys, fetch, ""); // as an empty cache would: this process fetches its own token
        }
        switch (reply.kind) {
          case "token": {
            const token = fromStored(reply.value, reply.ttlMs);
            if (token !== undefined && isFresh(token)) return token;
            stale = reply.value; // as good as none: ask again, and take the lock this time
            break;
          }
          case "locked":
            return fetchAndStore(keys, fetch, owner);
          case "failed":
            throw new SharedTokenError(reply.reason);
          case "wait":
            awaited = reply.owner;
            if (Date.now() + pollIntervalMs > giveUpAt) return fetchAndStore(keys, fetch, "");
            await sleep(pollIntervalMs, signal);
        }
      }
    },

    async get(cacheKey) {
      try {
        const reply = await run(READ, tokenKeys(prefix, cacheKey), []);
        if (!Array.isArray(reply)) return undefined;
        const [value, ttlMs] = reply as unknown[];
        return typeof value === "string" && typeof ttlMs === "number" ? fromStored(value, ttlMs) : undefined;
      } catch (error) {
        onError(error, "get");
        return undefined;
      }
    },

    set: async (cacheKey, token) => store(tokenKeys(prefix, cacheKey), token, ""),

    async delete(cacheKey, token) {
      try {
        await run(FORGET, tokenKeys(prefix, cacheKey), [token ?? ""]);
      } catch (error) {
        onError(error, "delete");
      }
    },
  };
}
