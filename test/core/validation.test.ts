import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

const table = { get: { m: "GET", p: "/things/{id}", e: [404] } } as const;

describe("bad input fails with a typed error before any request", () => {
  it.each([
    [undefined, /"domain" option is required/],
    ["", /"domain" option is required/],
    ["https://tenant.auth0.com", /without a scheme/],
    ["http://tenant.auth0.com", /without a scheme/],
    ["ftp://127.0.0.1", /without a scheme/],
    ["tenant.auth0.com/path", /not a valid host/],
    ["ten ant.auth0.com", /not a valid host/],
    ["user@tenant.auth0.com", /not a valid host/],
    ["tenant.auth0.com:99999", /not a valid host/],
  ])("domain %j", (domain, message) => {
    expect(() => new TestClient({ domain: domain as string })).toThrow(InvalidInputError);
    expect(() => new TestClient({ domain: domain as string })).toThrow(message);
  });

  it("accepts a host, a host with port, and http:// only for loopback hosts", async () => {
    for (const domain of ["tenant.auth0.com", "tenant.eu.auth0.com:8443", "http://127.0.0.1:3000", "http://localhost:8080", "http://[::1]:9000"]) {
      expect(() => new TestClient({ domain })).not.toThrow();
    }
  });

  it("rejects CR/LF in client and request headers", async () => {
    expect(() => new TestClient({ headers: { "x-evil": "a\r\nInjected: 1" } })).toThrow(InvalidInputError);
    const scope = nock(ORIGIN).get("/api/v2/things").reply(200, {});
    const client = new TestClient();
    await expect(client.call({ options: { headers: { "x-evil": "a\nb" } } })).rejects.toThrow(/control character/);
    await expect(client.call({ options: { headers: { "bad name": "v" } } })).rejects.toThrow(/Invalid HTTP header name/);
    expect(scope.isDone()).toBe(false);
  });

  it.each([[123], [null], [undefined], [{}], [""], ["."], [".."]])("rejects path param %j", async (value) => {
    const scope = nock(ORIGIN).get(/.*/).reply(200, {});
    const things = new TestClient().resource<{ get(id: unknown): Promise<unknown> }>(table);
    await expect(things.get(value)).rejects.toBeInstanceOf(InvalidInputError);
    expect(scope.isDone()).toBe(false);
  });

  it("percent-encodes path params so no value escapes its segment", async () => {
    const scope = nock(ORIGIN).get("/api/v2/things/auth0%7C..%2F..%2Fusers%3Fx%3D1%23frag").reply(200, { ok: true });
    const things = new TestClient().resource<{ get(id: string): Promise<unknown> }>(table);
    await expect(things.get("auth0|../../users?x=1#frag")).resolves.toEqual({ ok: true });
    scope.done();
  });

  it("rejects non-number timeouts and retry counts", async () => {
    expect(() => new TestClient({ timeoutInSeconds: "5" as unknown as number })).toThrow(InvalidInputError);
    expect(() => new TestClient({ maxRetries: -1 })).toThrow(InvalidInputError);
    await expect(new TestClient().call({ options: { maxRetries: 1.5 } })).rejects.toThrow(/whole number/);
  });
});
