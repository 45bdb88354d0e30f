import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { Redis } from "ioredis";
import { describe, it } from "vitest";

/** A Redis for the tests: REDIS_URL when set, else a `redis-server` of our own on a free loopback port. */
export interface TestRedis {
  readonly url: string;
  /** A new connection (closed by `stop`). */
  connect(): Redis;
  /**
   * Make the server stop answering while connections stay open: SIGSTOP for our own redis-server, `CLIENT PAUSE`
   * for REDIS_URL's. Resolves to the function that resumes it.
   */
  pause(): Promise<() => void>;
  stop(): Promise<void>;
}

const onPath = (binary: string): boolean =>
  (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

const external = process.env.REDIS_URL;

/**
 * The command deadline of suites that test sharing, not deadlines: this machine may be loaded enough that a fresh
 * connection takes longer than the default to become ready. unresponsive-redis.test.ts tests the deadline itself.
 */
export const TESTS_COMMAND_TIMEOUT_MS = 10_000;
export const redisAvailable = Boolean(external) || onPath("redis-server");

/**
 * `describe` for suites that need a real Redis. Without one the suite is skipped with one line saying why — unless
 * REQUIRE_REDIS=1 (CI), where a missing Redis must not pass silently, so the suite fails saying what to install.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (!redisAvailable && process.env.REQUIRE_REDIS === "1") {
    describe(name, () => {
      it("has a Redis server to run against", () => {
        throw new Error("REQUIRE_REDIS=1, but there is no redis-server on PATH and no REDIS_URL: run .ci/setup-redis.sh or set REDIS_URL");
      });
    });
    return;
  }
  if (!redisAvailable) console.info(`${name}: skipped — no redis-server on PATH and no REDIS_URL (REQUIRE_REDIS=1 makes this a failure)`);
  describe.runIf(redisAvailable)(name, body);
}

export async function startRedis(): Promise<TestRedis> {
  const connections: Redis[] = [];
  const connect = (url: string) => (): Redis => {
    const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
    connections.push(redis);
    return redis;
  };
  const closeAll = async (): Promise<void> => void (await Promise.all(connections.map((redis) => redis.quit().catch(() => redis.disconnect()))));
  if (external) {
    // Someone else's Redis: leave it as we found it.
    const forgetOurKeys = async (): Promise<void> => {
      const redis = new Redis(external);
      for (const prefix of prefixes.splice(0)) {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
      }
      await redis.quit();
    };
    const pause = async (): Promise<() => void> => {
      const admin = new Redis(external);
      await admin.call("CLIENT", "PAUSE", "10000", "ALL");
      return () => void admin.call("CLIENT", "UNPAUSE").finally(() => admin.disconnect());
    };
    return { url: external, connect: connect(external), pause, stop: async () => void (await Promise.all([closeAll(), forgetOurKeys()])) };
  }

  const port = await freePort();
  const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  await ready(server);
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    connect: connect(url),
    async pause() {
      server.kill("SIGSTOP");
      return () => void server.kill("SIGCONT");
    },
    async stop() {
      await closeAll();
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    },
  };
}

/** Resolve when the server says it accepts connections; reject with its output if it exits first. */
function ready(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        server.stdout?.off("data", onData);
        server.stdout?.resume(); // keep draining, or a chatty server blocks on a full pipe
        resolve();
      }
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    server.once("exit", (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    server.once("error", reject);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const prefixes: string[] = [];

/** A key prefix no other test (or a shared REDIS_URL's other users) will touch; its keys are deleted by `stop`. */
export function uniquePrefix(name: string): string {
  const prefix = `test:${name}:${Math.random().toString(36).slice(2, 10)}:`;
  prefixes.push(prefix);
  return prefix;
}
