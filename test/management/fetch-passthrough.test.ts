import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
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
