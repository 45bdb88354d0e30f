import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

function memoryLogger() {
  const lines: Array<{ level: string; message: string; details?: unknown }> = [];
  const at = (level: string) => (message: string, details?: unknown) => void lines.push({ level, message, ...(details === undefined ? {} : { details }) });
  return { lines, logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } };
}

describe("logging", () => {
  it("is off by default", async () => {
    const calls: unknown[] = [];
    const original = console.info;
    console.info = (...args: unknown[]) => void calls.push(args);
    try {
      nock(ORIGIN).get("/api/v2/things").reply(200, {});
      await new TestClient().call();
    } finally {
      console.info = original;
    }
    expect(calls).toEqual([]);
  });

  it("writes one line per attempt with method, path, status, duration and attempt number", async () => {
    const { lines, logger } = memoryLogger();
    const client = new TestClient({ logging: { level: "info", logger } });
    client.pipeline.replace("retry", (await import("../../src/middleware/retry.js")).retry({ sleep: async () => undefined }));
    nock(ORIGIN).get("/api/v2/things").reply(503, {}).get("/api/v2/things").reply(200, {});
    await client.call();
    expect(lines.map((line) => line.message.replace(/\d+ ms/, "N ms"))).toEqual([
      "auth0 ← GET /api/v2/things (attempt 1) 503 in N ms",
      "auth0 ← GET /api/v2/things (attempt 2) 200 in N ms",
    ]);
    expect(lines.map((line) => line.level)).toEqual(["error", "info"]);
  });

  it("redacts the bearer token, secrets and passwords at debug level", async () => {
    const { lines, logger } = memoryLogger();
    const client = new TestClient({ token: "super-secret-token", logging: { level: "debug", logger } });
    nock(ORIGIN).post("/api/v2/things").query(true).reply(200, {}, { "set-cookie": "session=abc" });
    await client.call({
      operation: { method: "POST", path: "/things" },
      query: "client_secret=qs-secret&name=ok",
      headers: { "content-type": "application/json", "x-api-key": "key-secret" },
      body: JSON.stringify({ password: "hunter2", nested: { client_secret: "s3cr3t", refresh_token: "rt" }, name: "visible" }),
    });
    const text = JSON.stringify(lines);
    for (const secret of ["super-secret-token", "hunter2", "s3cr3t", "qs-secret", "key-secret", "session=abc", '"rt"']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("visible");
    expect(text).toContain("[REDACTED]");
  });

  it("accepts a bare console-like logger, and `silent: true` switches it off", async () => {
    const { lines, logger } = memoryLogger();
    nock(ORIGIN).get("/api/v2/things").times(2).reply(200, {});
    await new TestClient({ logging: logger }).call();
    expect(lines).toHaveLength(1);
    await new TestClient({ logging: { logger, silent: true } }).call();
    expect(lines).toHaveLength(1);
  });
});
