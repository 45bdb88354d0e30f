import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors.js";
import { ManagementClient } from "../../src/management/management-client.js";

// The root `fetch` passthrough, the one entry of the v5 table the generated wire tests leave out.
const ORIGIN = "https://tenant.example.com";
const client = () => new ManagementClient({ domain: "tenant.example.com", token: "wire-token", maxRetries: 0 });

afterEach(() => nock.cleanAll());

interface Seen {
  method: string;
  path: string;
  headers: Record<string, unknown>;
  body: unknown;
}

function serve(status: number, body: string | Record<string, unknown>, headers: Record<string, string> = {}): Seen[] {
  const seen: Seen[] = [];
  const scope = nock(ORIGIN);
  for (const verb of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
    scope.intercept(() => true, verb).reply(function (uri, requestBody) {
      seen.push({ method: this.req.method, path: uri, headers: { ...this.req.headers }, body: requestBody });
      return [status, body, headers];
    });
  }
  return seen;
}

describe("client.fetch (the raw passthrough)", () => {
  it("resolves a relative path against https://{domain}/api/v2 and applies the client's Authorization", async () => {
    const seen = serve(200, { ok: true }, { "content-type": "application/json", "x-answer": "42" });
    const response = await client().fetch("users?q=a%20b");
    expect(seen).toHaveLength(1);
    expect(`${seen[0]!.method} ${seen[0]!.path}`).toBe("GET /api/v2/users?q=a%20b");
    expect(seen[0]!.headers.authorization).toBe("Bearer wire-token");
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-answer")).toBe("42");
    expect(await response.json()).toEqual({ ok: true });
  });

  it("sends the init's method, headers and body as given", async () => {
    const seen = serve(201, { id: "r1" }, { "content-type": "application/json" });
    const response = await client().fetch("/roles", {
      method: "POST",
      headers: { "content-type": "application/json", "x-extra": "1" },
      body: JSON.stringify({ name: "admin" }),
    });
    expect(`${seen[0]!.method} ${seen[0]!.path}`).toBe("POST /api/v2/roles");
    expect(seen[0]!.headers["x-extra"]).toBe("1");
    expect(seen[0]!.headers.authorization).toBe("Bearer wire-token");
    expect(seen[0]!.body).toEqual({ name: "admin" });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: "r1" });
  });

  it("returns an error status as a Response instead of throwing", async () => {
    serve(404, { statusCode: 404, error: "Not Found" }, { "content-type": "application/json" });
    const response = await client().fetch("/users/missing");
    expect(response.ok).toBe(false);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ statusCode: 404, error: "Not Found" });
  });
});

describe(`"Credentials go only to the tenant's origin": client.fetch sends the token to the tenant's origin only`, () => {
  const EVIL = "https://collector.example.net";
  function recordAt(origin: string): Seen[] {
    const seen: Seen[] = [];
    nock(origin)
      .intercept(() => true, "GET")
      .times(5)
      .reply(function (uri) {
        seen.push({ method: this.req.method, path: uri, headers: { ...this.req.headers }, body: undefined });
        return [200, { ok: true }, { "content-type": "application/json" }];
      });
    return seen;
  }

  it.each([
    ["another host", `${EVIL}/api/v2/users`],
    ["plain http to the tenant's own host", "http://tenant.example.com/api/v2/users"],
    ["another port of the tenant's host", "https://tenant.example.com:8443/api/v2/users"],
    ["a look-alike host", "https://tenant.example.com.example.net/api/v2/users"],
  ])("refuses %s with InvalidInputError, before any request (the token endpoint included)", async (_name, url) => {
    const target = new URL(url);
    const elsewhere = recordAt(target.origin);
    const tokenRequests = recordAt(ORIGIN);
    const credentials = new ManagementClient({ domain: "tenant.example.com", clientId: "cid", clientSecret: "csecret", maxRetries: 0 });
    for (const management of [client(), credentials]) {
      const error = await management.fetch(url).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toContain(target.origin);
      expect((error as Error).message).toContain("trustOrigin");
    }
    expect(elsewhere).toEqual([]);
    expect(tokenRequests).toEqual([]);
  });

  it("sends the token to the custom domain's origin (withCustomDomainHeader)", async () => {
    const seen = recordAt("https://login.example.org");
    const management = new ManagementClient({ domain: "tenant.example.com", token: "wire-token", withCustomDomainHeader: "login.example.org" });
    await management.fetch("https://login.example.org/api/v2/users");
    expect(seen[0]!.headers.authorization).toBe("Bearer wire-token");
  });

  it("sends it to another origin when the call names that origin in trustOrigin (per call, exact origin)", async () => {
    const seen = recordAt(EVIL);
    const management = client();
    const response = await management.fetch(`${EVIL}/api/v2/users`, undefined, { trustOrigin: EVIL });
    expect(await response.json()).toEqual({ ok: true });
    expect(seen[0]!.headers.authorization).toBe("Bearer wire-token");
    // The trust was for that call only, and for that origin only.
    await expect(management.fetch(`${EVIL}/api/v2/users`)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(management.fetch(`${EVIL}/api/v2/users`, undefined, { trustOrigin: "https://other.example.net" })).rejects.toBeInstanceOf(InvalidInputError);
    expect(seen).toHaveLength(1);
  });

  it("refuses a trustOrigin that is not an https origin (a bearer token never travels in clear text)", async () => {
    const seen = recordAt("http://collector.example.net");
    for (const trustOrigin of ["http://collector.example.net", "collector.example.net", "https://collector.example.net/path", ""]) {
      await expect(client().fetch("http://collector.example.net/x", undefined, { trustOrigin })).rejects.toBeInstanceOf(InvalidInputError);
    }
    expect(seen).toEqual([]);
  });
});
