import { createServer, type AddressInfo } from "node:net";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { FetchError, ManagementApiError, ManagementClient, RequiredError, ResponseError, TimeoutError } from "../index.js";
import { ManagementError as V5ManagementError } from "auth0";
import { DOMAIN, ORIGIN, rejection, serve } from "./helpers.js";

afterEach(() => {
  nock.cleanAll();
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const client = (options: Record<string, unknown> = {}): ManagementClient => new ManagementClient({ domain: DOMAIN, token: "t", ...options });

describe("v4's errors", () => {
  it("an error status with a JSON body is a ManagementApiError with the body's fields", async () => {
    const body = { statusCode: 400, error: "Bad Request", message: "Payload validation error: 'Missing required property: connection'", errorCode: "invalid_body" };
    serve([400, body, { "content-type": "application/json", "x-request-id": "r1" }]);
    const error = (await rejection(client().users.create({ email: "a@b.c" } as never))) as ManagementApiError;
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ManagementApiError");
    expect(error).toMatchObject({ errorCode: "invalid_body", error: "Bad Request", statusCode: 400, msg: body.message, message: body.message, body: JSON.stringify(body) });
    expect(error.headers.get("x-request-id")).toBe("r1");
  });

  it("takes the HTTP status when the body has no statusCode, and leaves errorCode undefined when absent", async () => {
    serve([409, { error: "Conflict", message: "The user already exists." }]);
    const error = (await rejection(client().users.create({ email: "a@b.c", connection: "db" }))) as ManagementApiError;
    expect(error).toMatchObject({ statusCode: 409, error: "Conflict", errorCode: undefined, message: "The user already exists." });
  });

  it("an error status whose body is not JSON is a ResponseError", async () => {
    serve([502, "<html><body>Bad gateway</body></html>", { "content-type": "text/html" }]);
    const error = (await rejection(client().users.get({ id: "1" }))) as ResponseError;
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ name: "ResponseError", statusCode: 502, body: "<html><body>Bad gateway</body></html>", message: "Response returned an error code" });
    expect(error.headers).toBeInstanceOf(Headers);
  });

  it("an error status with an empty body is a ResponseError too", async () => {
    serve([500]);
    expect(await rejection(client().users.get({ id: "1" }))).toBeInstanceOf(ResponseError);
  });

  it("a 3xx is an error, as in v4 (only 200–299 succeed)", async () => {
    serve([304]);
    expect(await rejection(client().users.get({ id: "1" }))).toBeInstanceOf(ResponseError);
  });

  it("a request past timeoutDuration fails with TimeoutError, 'The request was timed out.'", async () => {
    nock(ORIGIN).get("/api/v2/users/1").delay(1000).reply(200, {});
    const started = Date.now();
    const error = await rejection(client({ timeoutDuration: 50 }).users.get({ id: "1" }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ name: "TimeoutError", message: "The request was timed out." });
    // v4's own class, unchanged by v5's ManagementTimeoutError being a ManagementError.
    expect(error).not.toBeInstanceOf(V5ManagementError);
    expect(Object.getPrototypeOf(TimeoutError.prototype)).toBe(Error.prototype);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("the timeout is 10 seconds unless timeoutDuration says otherwise", async () => {
    const seen: number[] = [];
    serve([200, {}]);
    for (const options of [{}, { timeoutDuration: 2500 }]) {
      const instance = client(options);
      instance.lifecycle.hook("request:start", ({ request }) => void seen.push(request.timeoutMs));
      await instance.users.get({ id: "1" });
    }
    expect(seen).toEqual([10_000, 2500]);
  });

  it("a refused connection is a FetchError whose cause is what fetch threw, and is not retried", async () => {
    const port = await closedPort();
    const instance = new ManagementClient({ domain: `http://127.0.0.1:${port}`, token: "t" });
    let retries = 0;
    instance.lifecycle.hook("request:retry", () => void retries++);
    const error = (await rejection(instance.users.get({ id: "1" }))) as FetchError;
    expect(error).toBeInstanceOf(FetchError);
    expect(error.name).toBe("FetchError");
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/fetch failed/);
    expect(retries).toBe(0);
  });

  it("a connection reset is a FetchError and is not retried (v4 retries statuses only)", async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const connections: number[] = [];
    server.on("connection", () => connections.push(1));
    try {
      const { port } = server.address() as AddressInfo;
      const error = await rejection(new ManagementClient({ domain: `http://127.0.0.1:${port}`, token: "t" }).users.getAll());
      expect(error).toBeInstanceOf(FetchError);
      expect(connections).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("a caller's abort signal (initOverrides) cancels the call with a FetchError", async () => {
    nock(ORIGIN).get("/api/v2/users/1").delay(1000).reply(200, {});
    const controller = new AbortController();
    const pending = client().users.get({ id: "1" }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await rejection(pending)).toBeInstanceOf(FetchError);
  });

  it("a JSON method whose success body is not JSON rejects with a ResponseError", async () => {
    serve([200, "not json", { "content-type": "text/plain" }]);
    const error = await rejection(client().users.get({ id: "1" }));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ statusCode: 200, body: "not json" });
  });

  it("RequiredError names the field, and request parameters left out count as empty", async () => {
    const error = await rejection((client().users.get as (params?: unknown) => Promise<unknown>)());
    expect(error).toBeInstanceOf(RequiredError);
    expect(error).toMatchObject({ field: "id", message: "Required parameter requestParameters.id was null or undefined." });
  });

  it("tells request:error observers what the caller receives", async () => {
    serve([404, { statusCode: 404, error: "Not Found", message: "nope" }]);
    const instance = client();
    const seen: unknown[] = [];
    instance.lifecycle.hook("request:error", ({ error }) => void seen.push(error));
    const error = await rejection(instance.users.get({ id: "1" }));
    expect(seen).toEqual([error]);
  });
});
