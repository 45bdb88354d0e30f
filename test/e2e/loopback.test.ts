import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManagementError, ManagementTimeoutError } from "../../src/management/errors.js";
import { startLoopbackServer } from "../helpers/loopback-server.js";
import { TestClient } from "../helpers/test-client.js";

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => void (server = await startLoopbackServer()));
afterAll(() => server.close());

describe("over real HTTP on 127.0.0.1", () => {
  it("keeps the connection alive across sequential calls on the default ky transport", async () => {
    server.handle((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end("{}"));
    const client = new TestClient({ domain: server.domain });
    for (let i = 0; i < 3; i++) await client.call(); // undici may open a second socket while the first is released
    const before = server.connections();
    for (let i = 0; i < 20; i++) await client.call();
    expect(server.connections() - before).toBe(0);
  });

  it("retries a 503 with Retry-After and a dropped connection, then succeeds, on the default ky transport", async () => {
    let n = 0;
    server.handle((req, res) => {
      n += 1;
      if (n === 1) return void res.writeHead(503, { "content-type": "application/json", "retry-after": "1" }).end('{"message":"busy"}');
      if (n === 2) return void req.socket.destroy();
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ attempt: n, auth: req.headers.authorization }));
    });
    const client = new TestClient({ domain: server.domain, token: "loopback-token" });
    const delays: number[] = [];
    client.lifecycle.hook("request:retry", ({ delayMs }) => void delays.push(delayMs));
    const { response } = await client.call();
    expect(response.body).toEqual({ attempt: 3, auth: "Bearer loopback-token" });
    expect(delays[0]).toBe(1000); // Retry-After: 1, honoured
  });

  it("times out a slow attempt and names the endpoint", async () => {
    server.handle((_req, res) => void setTimeout(() => res.writeHead(200).end("{}"), 400));
    const client = new TestClient({ domain: server.domain, maxRetries: 0 });
    const error = await client.call({ options: { timeoutInSeconds: 0.1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect((error as Error).message).toBe("Timeout exceeded when calling GET /things.");
  });

  it("times out a body that trickles in too slowly (the budget covers the body)", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"a":');
      setTimeout(() => res.end("1}"), 400);
    });
    const client = new TestClient({ domain: server.domain, maxRetries: 0 });
    await expect(client.call({ options: { timeoutInSeconds: 0.1 } })).rejects.toBeInstanceOf(ManagementTimeoutError);
  });

  it("aborts mid-response when the caller aborts", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"partial":');
    });
    const client = new TestClient({ domain: server.domain });
    const controller = new AbortController();
    const pending = client.call({ options: { abortSignal: controller.signal } });
    setTimeout(() => controller.abort(), 100);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toMatchObject({ name: "AbortError" });
  });
});
