import { luaScript } from "./redis-client.js";

// KEYS of every script: the token, the lock, the failure record (see token-keys.ts).

/**
 * Read the token, or else take the lock, in one atomic step, so exactly one of the processes that find no token
 * becomes the one that fetches it.
 * ARGV[1] a fresh owner id to lock with · ARGV[2] lock TTL in ms · ARGV[3] the owner whose fetch the caller is
 * waiting for ('' on the first try) · ARGV[4] a stored value the caller found stale and counts as no token ('' none).
 * Returns {'token', value, ms left} · {'failed', reason} (the awaited owner's fetch failed) · {'locked'} (the
 * caller now holds the lock) · {'wait', current owner}.
 */
export const READ_OR_LOCK = luaScript(`
local token = redis.call('GET', KEYS[1])
if token and token ~= ARGV[4] then return { 'token', token, redis.call('PTTL', KEYS[1]) } end
if ARGV[3] ~= '' and redis.call('HGET', KEYS[3], 'owner') == ARGV[3] then
  return { 'failed', redis.call('HGET', KEYS[3], 'reason') }
end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return { 'locked' } end
return { 'wait', redis.call('GET', KEYS[2]) }
`);

/**
 * Read the token and its remaining TTL in one step (the TTL is what the expiry handed out is computed from).
 * Returns {value, ms left}, or nil.
 */
export const READ = luaScript(`
local token = redis.call('GET', KEYS[1])
if token then return { token, redis.call('PTTL', KEYS[1]) } end
return false
`);

/**
 * Store a fetched token, and release the lock if the caller still holds it (after its TTL another process may own it).
 * ARGV[1] the value · ARGV[2] its TTL in ms · ARGV[3] the caller's owner id ('' if it fetched without the lock).
 */
export const STORE = luaScript(`
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1
`);

/**
 * Drop the token the API rejected, only if it is still the one stored: after a 401 many processes drop "the" token
 * at about the same time, and the first of them may already have stored a new one.
 * ARGV[1] the rejected access token ('' drops whatever is stored).
 */
export const FORGET = luaScript(`
local stored = redis.call('GET', KEYS[1])
if not stored then return 0 end
if ARGV[1] ~= '' then
  local ok, token = pcall(cjson.decode, stored)
  if not ok or type(token) ~= 'table' or token.accessToken ~= ARGV[1] then return 0 end
end
return redis.call('DEL', KEYS[1])
`);

/**
 * The holder's fetch failed: release the lock and leave the reason for the processes waiting on this owner.
 * ARGV[1] owner id · ARGV[2] reason · ARGV[3] how long the reason is kept, in ms.
 */
export const ABANDON = luaScript(`
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[3], 'owner', ARGV[1], 'reason', ARGV[2])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return 1
`);
