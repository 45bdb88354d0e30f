import { DEFAULT_COMMAND_TIMEOUT_MS, type CommandLimits } from "./deadline.js";
import { luaScript, runScript, type RedisClient } from "./redis-client.js";

/**
 * A token bucket in one Redis hash, changed only by this script, so every process that shares the key shares the
 * bucket and no two can spend the same token. Time is Redis' `TIME`, never a client's clock.
 *
 * The bucket holds at most `burst` tokens and gains `perSecond` per second. Taking never fails: it always spends a
 * token, and when none is left the count goes negative — a reservation. The answer is how long the caller must wait
 * before its reserved token exists: (tokens owed) / rate. Callers are served in the order they asked, across
 * processes, with one round trip each and no polling. A caller that gives up before its time returns the token.
 *
 * Stored: `tokens` (a float, written with 17 significant digits) and the time of that count as Redis gave it
 * (seconds and microseconds, kept as the strings `TIME` returned, so nothing is rounded). The key expires when the
 * bucket would be full again, which is the same as a missing key.
 *
 * KEYS[1] the bucket · ARGV[1] burst · ARGV[2] tokens per second · ARGV[3] "take" | "give-back" | "drain"
 * Returns { milliseconds to wait (0: go now), whole tokens left (negative: reservations queued) }.
 */
const BUCKET = luaScript(`
local now = redis.call('TIME')
local burst = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / 1000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'seconds', 'micros')
local tokens = burst
if state[1] then
  local elapsedMs = (tonumber(now[1]) - tonumber(state[2])) * 1000 + (tonumber(now[2]) - tonumber(state[3])) / 1000
  tokens = tonumber(state[1])
  if elapsedMs > 0 then tokens = math.min(burst, tokens + elapsedMs * perMs) end
end
local waitMs = 0
if ARGV[3] == 'take' then
  tokens = tokens - 1
  if tokens < 0 then waitMs = math.ceil(-tokens / perMs) end
elseif ARGV[3] == 'give-back' then
  tokens = math.min(burst, tokens + 1)
elseif ARGV[3] == 'drain' then
  tokens = math.min(tokens, 0)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'seconds', now[1], 'micros', now[2])
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perMs) + 1000)
return { waitMs, math.floor(tokens) }
`);

export type BucketOperation = "take" | "give-back" | "drain";

export interface BucketAnswer {
  /** Milliseconds until the token taken may be spent (0: now). */
  readonly waitMs: number;
  /** Whole tokens left; negative when requests are queued for tokens not yet refilled. */
  readonly tokens: number;
}

export interface SharedTokenBucket {
  readonly key: string;
  /** Reserve a token: how long to wait before sending. `signal` ends the Redis round trip (nothing is reserved then, or the reservation lapses unused). */
  take(signal?: AbortSignal): Promise<BucketAnswer>;
  /** Return a reserved token that will not be spent (the caller gave up while waiting). */
  giveBack(): Promise<BucketAnswer>;
  /** Spend what is left now: the tenant said 429, so something else is using the same limit. */
  drain(): Promise<BucketAnswer>;
}

export interface BucketLimits {
  /** Bucket size: how many requests may leave at once. */
  readonly burst: number;
  /** Refill rate, requests per second. */
  readonly perSecond: number;
}

export function sharedTokenBucket(redis: RedisClient, key: string, limits: BucketLimits, commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS): SharedTokenBucket {
  if (!(limits.burst >= 1) || !(limits.perSecond > 0)) throw new RangeError("A token bucket needs burst >= 1 and perSecond > 0");
  const run = async (operation: BucketOperation, signal?: AbortSignal): Promise<BucketAnswer> => {
    const bounds: CommandLimits = { timeoutMs: commandTimeoutMs, signal };
    return toAnswer(await runScript(redis, BUCKET, [key], [limits.burst, limits.perSecond, operation], bounds));
  };
  return { key, take: (signal) => run("take", signal), giveBack: () => run("give-back"), drain: () => run("drain") };
}

function toAnswer(reply: unknown): BucketAnswer {
  if (!Array.isArray(reply) || typeof reply[0] !== "number" || typeof reply[1] !== "number") {
    throw new TypeError(`Unexpected reply from the token bucket script: ${JSON.stringify(reply)}`);
  }
  return { waitMs: reply[0], tokens: reply[1] };
}
