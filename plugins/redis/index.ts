/**
 * auth0/plugins/redis: for many processes against one tenant (serverless functions, worker fleets) — one
 * client-credentials token shared through Redis and fetched by one process at a time, and one rate limit for the
 * whole fleet. Node only; bring your own ioredis connection.
 *
 * @packageDocumentation
 */
export { redisTokenCache } from "./token-cache.js";
export type { RedisTokenCache, RedisTokenCacheOptions } from "./token-cache.js";
export { SharedTokenError } from "./shared-token-error.js";
export { RedisCommandTimeoutError } from "./deadline.js";
export { redisRateLimiter } from "./rate-limiter.js";
export type { RedisRateLimiterOptions } from "./rate-limiter.js";
export type { RedisClient } from "./redis-client.js";
