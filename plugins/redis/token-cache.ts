import { randomUUID } from "node:crypto";
import type { CachedToken, Plugin, TokenCache } from "auth0";
import { runScript, type LuaScript, type RedisClient } from "./redis-client.js";
import { SharedTokenError } from "./shared-token-error.js";
import { tokenLockPlugin } from "./token-lock-plugin.js";
import { tokenKeys, type TokenKeys } from "./token-keys.js";
import { ABANDON, FORGET, READ_OR_LOCK, STORE } from "./token-scripts.js";

/** How `redisTokenCache` names its keys, and the timings of its lock. */
export interface RedisTokenCacheOptions {
  /** Put before every key, e.g. `"billing:"`. Default none: keys are `{auth0:token:<origin>:<clientId>:<audience>}` (+ `:lock`, `:failed`). */
  prefix?: string;
  /**
   * Take the token out of Redis this long before it expires (default 60 000 ms, at most half its lifetime), so one
   * process renews it under the lock while the others still use the old one — instead of every process renewing it
   * at once when their own, shorter, margin runs out. Keep it above the 10 s by which the core's provider renews a
   * token ahead of its expiry, or processes would read tokens they then consider stale.
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
   * so a Redis outage costs token requests, not failed calls. Default: ignore (ioredis reports its connection errors
   * itself, as `error` events).
   */
  onError?: (error: unknown, operation: "get" | "set" | "delete" | "abandon") => void;
}

/** A `TokenCache` shared by every process on one Redis, which also makes sure only one of them fetches a token. */
export interface RedisTokenCache extends TokenCache {
  /** The stored token; or, when there is none, `undefined` after taking the lock, or the token another process fetched. */
  get(key: string): Promise<CachedToken | undefined>;
  /** Store a fetched token and release this process's lock. */
  set(key: string, token: CachedToken): Promise<void>;
  /** Drop the token the API rejected, unless another process has already replaced it. */
  delete(key: string): Promise<void>;
  /**
   * Add to the client's `plugins` with this cache: when this process's token request fails, it releases the lock at
   * once and the processes waiting for that token fail with a `SharedTokenError` saying why. Without it they wait
   * for the lock's TTL and then one of them tries again.
   */
  readonly plugin: Plugin;
  /** Release this process's lock on `cacheKey` after a failed token request (what `plugin` calls). */
  abandon(cacheKey: string, reason: string): Promise<void>;
}

/** What is stored under the token key: the token, and how far ahead of its expiry the key was set to vanish. */
interface StoredToken {
  readonly accessToken: string;
  readonly aheadMs: number;
}

type LockReply =
  | { readonly kind: "token"; readonly value: string; readonly ttlMs: number }
  | { readonly kind: "failed"; readonly reason: string }
  | { readonly kind: "locked" }
  | { readonly kind: "wait"; readonly owner: string };

/**
 * The Management client's `tokenCache` for a fleet of processes: one client-credentials token in Redis for all of
 * them, and one token request when it is missing, however many processes ask at once.
 *
 * The protocol, on top of the core's get / set / delete:
 * - `get` reads the token, or — in the same atomic step — takes a lock (`SET NX PX`, a random owner id) when there is
 *   none. Taking the lock answers `undefined`: the core's token provider then fetches a token and calls `set`.
 *   Finding the lock taken, `get` polls until the token appears and returns it; if the lock disappears with no token
 *   (its holder died and the TTL ran out), the next poll takes it and this process fetches.
 * - `set` stores the token with a TTL that ends `refreshAheadMs` before the token does, and releases the lock if this
 *   process still holds it (compare-and-delete), so the waiting processes pick the token up.
 * - A failed fetch never reaches `set`: `plugin` sees the failed token request and releases the lock, leaving the
 *   reason for the waiting processes; without the plugin the lock simply expires.
 * - `delete` (the API answered 401) removes the stored token only if it is still the one this process was given.
 */
export function redisTokenCache(redis: RedisClient, options: RedisTokenCacheOptions = {}): RedisTokenCache {
  const prefix = options.prefix ?? "";
  const refreshAheadMs = options.refreshAheadMs ?? 60_000;
  const lockTtlMs = options.lockTtlMs ?? 10_000;
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const onError = options.onError ?? (() => undefined);
  const failureTtlMs = Math.max(1_000, pollIntervalMs * 20);
  /** Locks this process holds, by cache key: their owner ids. */
  const held = new Map<string, string>();
  /** The stored value this process last read or wrote, by cache key: what a `delete` may remove. */
  const seen = new Map<string, string>();

  const run = async (script: LuaScript, keys: TokenKeys, args: ReadonlyArray<string | number>): Promise<unknown> =>
    runScript(redis, script, [keys.token, keys.lock, keys.failure], args);

  const cache: RedisTokenCache = {
    async get(cacheKey) {
      const keys = tokenKeys(prefix, cacheKey);
      const giveUpAt = Date.now() + maxWaitMs;
      let awaited = "";
      for (;;) {
        const owner = randomUUID();
        let reply: LockReply;
        try {
          reply = toLockReply(await run(READ_OR_LOCK, keys, [owner, lockTtlMs, awaited]));
        } catch (error) {
          onError(error, "get");
          return undefined;
        }
        switch (reply.kind) {
          case "token": {
            const token = fromStored(reply.value, reply.ttlMs);
            if (token === undefined) return undefined; // not ours to read: fetch, and `set` overwrites it
            seen.set(cacheKey, reply.value);
            return token;
          }
          case "locked":
            held.set(cacheKey, owner);
            return undefined;
          case "failed":
            throw new SharedTokenError(reply.reason);
          case "wait":
            awaited = reply.owner;
            if (Date.now() + pollIntervalMs > giveUpAt) return undefined;
            await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
        }
      }
    },

    async set(cacheKey, token) {
      const owner = held.get(cacheKey) ?? "";
      held.delete(cacheKey);
      const lifetimeMs = token.expiresAt - Date.now();
      const aheadMs = Math.min(refreshAheadMs, Math.floor(lifetimeMs / 2));
      const value = JSON.stringify({ accessToken: token.accessToken, aheadMs } satisfies StoredToken);
      try {
        await run(STORE, tokenKeys(prefix, cacheKey), [value, Math.max(1, Math.floor(lifetimeMs - aheadMs)), owner]);
        seen.set(cacheKey, value);
      } catch (error) {
        onError(error, "set");
      }
    },

    async delete(cacheKey) {
      const value = seen.get(cacheKey);
      if (value === undefined) return;
      seen.delete(cacheKey);
      try {
        await run(FORGET, tokenKeys(prefix, cacheKey), [value]);
      } catch (error) {
        onError(error, "delete");
      }
    },

    async abandon(cacheKey, reason) {
      const owner = held.get(cacheKey);
      if (owner === undefined) return;
      held.delete(cacheKey);
      try {
        await run(ABANDON, tokenKeys(prefix, cacheKey), [owner, reason, failureTtlMs]);
      } catch (error) {
        onError(error, "abandon");
      }
    },

    plugin: tokenLockPlugin((cacheKey, reason) => cache.abandon(cacheKey, reason)),
  };
  return cache;
}

/** The token as the core's provider wants it, its expiry taken from Redis' TTL so no two clocks are compared. */
function fromStored(value: string, ttlMs: number): CachedToken | undefined {
  let stored: unknown;
  try {
    stored = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof stored !== "object" || stored === null) return undefined;
  const { accessToken, aheadMs } = stored as Partial<Record<keyof StoredToken, unknown>>;
  if (typeof accessToken !== "string" || typeof aheadMs !== "number" || !(ttlMs > 0)) return undefined;
  return { accessToken, expiresAt: Date.now() + ttlMs + aheadMs };
}

function toLockReply(reply: unknown): LockReply {
  if (Array.isArray(reply)) {
    const [kind, first, second] = reply as unknown[];
    if (kind === "token" && typeof first === "string" && typeof second === "number") return { kind, value: first, ttlMs: second };
    if (kind === "failed" && typeof first === "string") return { kind, reason: first };
    if (kind === "locked") return { kind };
    if (kind === "wait" && typeof first === "string") return { kind, owner: first };
  }
  throw new TypeError(`Unexpected reply from the token lock script: ${JSON.stringify(reply)}`);
}
