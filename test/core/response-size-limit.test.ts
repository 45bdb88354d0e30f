import axios from "axios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationClient } from "../../src/auth/authentication-client.js";
import { InvalidInputError, ResponseTooLargeError } from "../../src/core/errors.js";
import { ManagementClient } from "../../src/management/management-client.js";
import { axiosFetcher } from "../../plugins/axios/index.js";
import { ManagementClient as LegacyManagementClient } from "../../plugins/legacy/index.js";
import { startLoopbackServer } from "../helpers/loopback-server.js";

type Server = Awaited<ReturnType<typeof startLoopbackServer>>;
let server: Server;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());

const LIMIT = 1_000;
const json = (bytes: number): string => JSON.stringify({ filler: "x".repeat(bytes - 13) });

/** Headers announcing `declared` bytes, then `sent` bytes, and the response never ends: reading it all would hang. */
function announceAndStall(declared: number | undefined, sent: number): void {
  server.handle((_request, response) => {
    response.writeHead(200, { "content-type": "application/json", ...(declared !== undefined ? { "content-length": String(declared) } : {}) });
    response.write("x".repeat(sent));
  });
}

const transports = {
  "the default transport": {},
  "the axios plugin": { plugins: [axiosFetcher(axios.create())] },
};

describe.each(Object.entries(transports))(`"A response body read into memory has a size limit": through %s`, (_name, transport) => {
  const management = (maxResponseBytes?: number) =>
    new ManagementClient({ domain: server.domain, token: "t", maxRetries: 0, ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}), ...transport });

  it("fails while reading a body without content-length, as soon as it passes the limit", async () => {
    announceAndStall(undefined, 3 * LIMIT);
    await expect(management(LIMIT).users.list()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("reads a body at the limit", async () => {
    server.handle((_request, response) => void response.writeHead(200, { "content-type": "application/json" }).end(json(LIMIT)));
    await expect(management(LIMIT).users.get("u")).resolves.toMatchObject({ filler: expect.any(String) });
  });

  it("leaves streams to the caller: management.fetch returns a body larger than the limit", async () => {
    server.handle((_request, response) => void response.writeHead(200, { "content-type": "application/json" }).end(json(5 * LIMIT)));
    const response = await management(LIMIT).fetch("/users");
    expect((await response.text()).length).toBe(5 * LIMIT);
  });

  it("defaults to 64 MiB: a 2 MB body is read", async () => {
    server.handle((_request, response) => void response.writeHead(200, { "content-type": "application/json" }).end(json(2_000_000)));
    await expect(management().users.get("u")).resolves.toMatchObject({ filler: expect.any(String) });
  });
});

describe("the response size limit elsewhere", () => {
  it("fails with ResponseTooLargeError from content-length alone, before reading the body (default transport; axios counts while reading)", async () => {
    announceAndStall(50 * LIMIT, 10);
    const error = await new ManagementClient({ domain: server.domain, token: "t", maxRetries: 0, maxResponseBytes: LIMIT }).users.list().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limitBytes: LIMIT });
    expect((error as Error).message).toMatch(/larger than the 1000-byte limit \(maxResponseBytes\)/);
  });

  it("applies to the Authentication API", async () => {
    announceAndStall(50 * LIMIT, 10);
    const auth = new AuthenticationClient({ domain: server.domain, clientId: "c", clientSecret: "s", maxResponseBytes: LIMIT });
    await expect(auth.oauth.clientCredentialsGrant({ audience: "a" })).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("applies to the token request of a Management client", async () => {
    announceAndStall(undefined, 3 * LIMIT);
    const management = new ManagementClient({ domain: server.domain, clientId: "c", clientSecret: "s", maxResponseBytes: LIMIT, maxRetries: 0 });
    await expect(management.users.list()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("applies to the legacy (v4) client's fetch option", async () => {
    announceAndStall(undefined, 3 * LIMIT);
    const legacy = new LegacyManagementClient({ domain: server.domain, token: "t", maxResponseBytes: LIMIT, fetch: (url, init) => globalThis.fetch(url, init) });
    await expect(legacy.users.getAll()).rejects.toThrow(/maxResponseBytes/);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1000"])("refuses maxResponseBytes %s when the client is constructed", (maxResponseBytes) => {
    expect(() => new ManagementClient({ domain: server.domain, token: "t", maxResponseBytes: maxResponseBytes as number })).toThrow(InvalidInputError);
  });
});
