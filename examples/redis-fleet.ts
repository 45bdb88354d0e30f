// A fleet on one tenant: many processes (serverless functions, workers) sharing one M2M token and one rate limit
// through Redis. Here three clients stand in for three processes — each has its own token provider and its own
// Redis connection, exactly as separate processes would. Runs against a mock tenant and the Redis at REDIS_URL, or a
// redis-server it starts itself when one is on PATH.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { ManagementClient } from "auth0";
import { redisRateLimiter, redisTokenCache } from "auth0/plugins/redis";
import { startMockTenant } from "auth0/testing";
import { Redis } from "ioredis";

const redisServer = await findRedis();
if (redisServer === undefined) {
  console.log("redis-fleet: this example needs Redis — set REDIS_URL, or install redis-server (apt-get install redis-server). Skipped.");
  process.exit(0);
}

const limit = { burst: 10, perSecond: 5 };
const tenant = await startMockTenant({ rateLimit: limit });
const connections: Redis[] = [];
const prefix = `example:${process.pid}:`; // our keys, removed at the end: the Redis may be shared
try {
  const fleet = Array.from({ length: 3 }, () => {
    const redis = new Redis(redisServer.url);
    connections.push(redis);
    return new ManagementClient({
      domain: tenant.domain,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      tokenCache: redisTokenCache(redis, { prefix }),
      plugins: [redisRateLimiter(redis, { ...limit, key: `${prefix}rate-limit` })],
    });
  });

  // 3 processes × 8 concurrent first calls, an empty cache: one of them takes the lock in Redis and fetches the token
  // (only its client fires token:refreshed), the others wait for it. And 24 calls at once against a tenant limit of
  // 10 + 5 per second: the shared bucket in Redis queues them.
  let refreshed = 0;
  for (const client of fleet) client.lifecycle.hook("token:refreshed", () => void (refreshed += 1));
  const started = performance.now();
  await Promise.all(fleet.flatMap((client) => Array.from({ length: 8 }, () => client.roles.list())));
  const seconds = (performance.now() - started) / 1000;
  const { tokenRequests, managementRequests, rateLimited } = tenant.stats();
  assert.equal(tokenRequests, 1);
  assert.equal(refreshed, 1);
  assert.equal(rateLimited, 0);
  console.log(`24 first calls from 3 processes: ${tokenRequests} token request, fetched by ${refreshed} of them ✓`);
  console.log(`${managementRequests} Management API requests in ${seconds.toFixed(1)} s against 10 + 5/s, ${rateLimited} answered 429 ✓`);
} finally {
  const ours = await connections[0]?.keys(`${prefix}*`);
  if (ours?.length) await connections[0]?.del(...ours);
  await Promise.all(connections.map((redis) => redis.quit()));
  await tenant.close();
  await redisServer.stop();
}

/** REDIS_URL, or a throwaway redis-server on a free loopback port, or undefined when there is neither. */
async function findRedis(): Promise<{ url: string; stop(): Promise<void> } | undefined> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => undefined };
  const onPath = (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, "redis-server"), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!onPath) return undefined;
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    server.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("Ready to accept connections") && resolve());
    server.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  const exited = new Promise((resolve) => server.once("exit", resolve));
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      server.kill("SIGTERM");
      await exited;
    },
  };
}
