import { createHash } from "node:crypto";
import { withDeadline, type CommandLimits } from "./deadline.js";

/**
 * What the plugin needs of a Redis connection: ioredis' `eval` and `evalsha`. An ioredis `Redis` or `Cluster`
 * fits; typing it by shape keeps ioredis (an optional peer) out of the plugin's declarations.
 */
export interface RedisClient {
  /** `EVAL script numkeys key… arg…`. */
  eval(script: string, numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>;
  /** `EVALSHA sha1 numkeys key… arg…`. */
  evalsha(sha1: string, numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>;
}

/** A Lua script and its SHA-1, the name Redis caches it under. */
export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

export function luaScript(source: string): LuaScript {
  return { source, sha1: createHash("sha1").update(source).digest("hex") };
}

/** The scripts each connection has run, so it has them cached. */
const loaded = new WeakMap<RedisClient, Set<string>>();

/**
 * Run a script: its source the first time on a connection (EVAL, which also caches it), then by SHA-1 (EVALSHA, one
 * short command). Sending EVALSHA first and the source after a NOSCRIPT would take two round trips, and a command
 * sent in between (the core does not wait for a token `delete` before its next `get`) would overtake it. A script
 * Redis forgot later (restart, failover, `SCRIPT FLUSH`) is sent again.
 *
 * Every command has a deadline (`limits.timeoutMs`, `RedisCommandTimeoutError` past it) and ends on `limits.signal`:
 * a Redis that accepts connections but never answers must not hold a call forever.
 */
export async function runScript(
  redis: RedisClient,
  script: LuaScript,
  keys: readonly string[],
  args: ReadonlyArray<string | number>,
  limits: CommandLimits,
): Promise<unknown> {
  let scripts = loaded.get(redis);
  if (scripts === undefined) loaded.set(redis, (scripts = new Set()));
  if (!scripts.has(script.sha1)) {
    const reply = await withDeadline(redis.eval(script.source, keys.length, ...keys, ...args), limits);
    scripts.add(script.sha1);
    return reply;
  }
  try {
    return await withDeadline(redis.evalsha(script.sha1, keys.length, ...keys, ...args), limits);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
    return withDeadline(redis.eval(script.source, keys.length, ...keys, ...args), limits);
  }
}
