// "auth0/plugins/redis" (Node): one token and one rate limit for a fleet, over the app's ioredis client.
import { Redis } from "ioredis";
import { ManagementClient } from "auth0";
import { redisRateLimiter, redisTokenCache } from "auth0/plugins/redis";

const redis = new Redis("redis://127.0.0.1:6379", { lazyConnect: true });
export const fleet = new ManagementClient({
  domain: "tenant.auth0.com",
  clientId: "id",
  clientSecret: "secret",
  tokenCache: redisTokenCache(redis, { prefix: "app:" }),
  plugins: [redisRateLimiter(redis, { burst: 10, perSecond: 5 })],
});
