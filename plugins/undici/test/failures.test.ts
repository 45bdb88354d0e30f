import { createServer, type AddressInfo } from "node:net";
import { ManagementAbortError, ManagementError, ManagementTimeoutError, NetworkError } from "auth0";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TRANSPORTS, json, management, rejectionOf, startRecordingOrigin, type RecordingOrigin } from "./support.js";

let origin: RecordingOrigin;
beforeAll(async () => void (origin = await startRecordingOrigin()));
afterAll(() => origin.close());
beforeEach(() => void (origin.requests.length = 0));

/** A port nothing listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Every failure runs over both transports with the same expectation: the same error class, code and retries.
describe.each(TRANSPORTS)("failures over $name", (transport) => {
  it("a refused connection is a ManagementError over a NetworkError with ECONNREFUSED, retried (it never reached the tenant)", async () => {
    const client = management(transport, `http://127.0.0.1:${await deadPort()}`, { maxRetries: 1 });
    const retries: string[] = [];
    client.lifecycle.hook("request:retry", ({ reason }) => void retries.push(JSON.stringify(reason)));
    const error = await rejectionOf(client.users.get("auth0|1"));
    expect(error).toBeInstanceOf(ManagementError);
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(NetworkError);
    expect((cause as NetworkError).code).toBe("ECONNREFUSED");
    expect(retries).toHaveLength(1);
    expect(retries[0]).toContain("ECONNREFUSED");
  });

  it("a connection reset before the answer: a GET is sent again, a POST is not", async () => {
    let resets = 1;
    origin.handle((_request, response) => {
      if (resets-- > 0) return void response.socket?.destroy();
      return json({ user_id: "auth0|1" });
    });
    const client = management(transport, origin.origin, { maxRetries: 2 });
    expect(await client.users.get("auth0|1")).toEqual({ user_id: "auth0|1" });
    expect(origin.requests.map((request) => request.method)).toEqual(["GET", "GET"]);

    origin.requests.length = 0;
    resets = 1;
    const error = await rejectionOf(client.roles.create({ name: "r" }));
    expect(origin.requests.map((request) => request.method)).toEqual(["POST"]);
    expect(((error as Error).cause as NetworkError).code).toMatch(/^(ECONNRESET|UND_ERR_SOCKET)$/);
  });

  it("a body cut short after the headers is a network error a GET is retried on", async () => {
    let cuts = 1;
    origin.handle((_request, response) => {
      if (cuts-- <= 0) return json({ user_id: "auth0|1" });
      response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      response.write('{"user_id":');
      setImmediate(() => response.socket?.destroy());
    });
    expect(await management(transport, origin.origin).users.get("auth0|1")).toEqual({ user_id: "auth0|1" });
    expect(origin.requests).toHaveLength(2);
  });

  it("an attempt past its deadline is a ManagementTimeoutError, and its connection is closed", async () => {
    let closed!: () => void;
    const socketClosed = new Promise<void>((resolve) => (closed = resolve));
    origin.handle((_request, response) => void response.socket?.once("close", closed));
    const error = await rejectionOf(management(transport, origin.origin, { timeoutInSeconds: 0.05, maxRetries: 0 }).users.get("auth0|1"));
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect((error as Error).message).toBe("Timeout exceeded when calling GET /users/{id}.");
    await socketClosed;
  });

  it("the caller's abort ends a waiting request (ManagementAbortError) and closes its connection", async () => {
    let closed!: () => void;
    const socketClosed = new Promise<void>((resolve) => (closed = resolve));
    const controller = new AbortController();
    origin.handle((_request, response) => {
      response.socket?.once("close", closed);
      controller.abort();
    });
    const error = await rejectionOf(management(transport, origin.origin).users.get("auth0|1", undefined, { abortSignal: controller.signal }));
    expect(error).toBeInstanceOf(ManagementAbortError);
    await socketClosed;
  });

  it("the caller's abort ends a stream mid-body, past the attempt's deadline", async () => {
    let closed!: () => void;
    const socketClosed = new Promise<void>((resolve) => (closed = resolve));
    origin.handle((_request, response) => {
      response.socket?.once("close", closed);
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write('data: {"n":1}\n\n');
    });
    const controller = new AbortController();
    const stream = await management(transport, origin.origin, { timeoutInSeconds: 0.05 }).events.subscribe({}, { abortSignal: controller.signal });
    const seen: unknown[] = [];
    for await (const event of stream) {
      seen.push(event);
      controller.abort();
    }
    expect(seen).toEqual([{ n: 1 }]);
    await socketClosed;
  });
});
