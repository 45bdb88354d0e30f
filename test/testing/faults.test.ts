import { describe, expect, it } from "vitest";
import { form, jsonBody, managementFetcher, readJson, useSharedTenant } from "./support.js";

const tenant = useSharedTenant();

function newUser(email: string) {
  return jsonBody("POST", { connection: "Username-Password-Authentication", email, password: "pw" });
}

async function api() {
  const t = tenant();
  return managementFetcher(t, await t.managementToken());
}

describe("fault injection", () => {
  it("answers a given status for the next N matching requests without processing them", async () => {
    const t = tenant();
    const call = await api();
    t.faults.inject({
      match: { method: "POST", path: "/api/v2/users" },
      times: 2,
      fault: { kind: "status", status: 503, headers: { "retry-after": "2" } },
    });

    const first = await call("/users", newUser("a@example.com"));
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(await readJson(first)).toMatchObject({ statusCode: 503, error: "Service Unavailable" });
    expect((await call("/users")).status).toBe(200);
    expect((await call("/users", newUser("a@example.com"))).status).toBe(503);
    expect(t.findUser("a@example.com")).toBeUndefined();
    expect((await call("/users", newUser("a@example.com"))).status).toBe(201);
    expect(t.faults.pending()).toEqual([]);
  });

  it("sends a 429 storm with the headers given, and a custom body", async () => {
    const t = tenant();
    const call = await api();
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    t.faults.inject({
      match: { path: /^\/api\/v2\/roles/ },
      times: 3,
      fault: {
        kind: "status",
        status: 429,
        headers: { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      },
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const response = await call("/roles");
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("x-ratelimit-reset")).toBe(reset);
        expect(await readJson(response)).toEqual({
          statusCode: 429,
          error: "Too Many Requests",
          message: "Global limit has been reached",
          errorCode: "too_many_requests",
        });
      }
    }
    expect(statuses).toEqual([429, 429, 429, 200]);

    t.faults.inject({ fault: { kind: "status", status: 400, body: { custom: true } } });
    expect(await readJson(await call("/roles"))).toEqual({ custom: true });
    t.faults.inject({ fault: { kind: "status", status: 500, body: "plain failure" } });
    const text = await call("/roles");
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await text.text()).toBe("plain failure");
  });

  it("delays the first byte", async () => {
    const call = await api();
    tenant().faults.inject({ fault: { kind: "latency", ms: 150 } });
    const started = performance.now();
    const response = await call("/users");
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(200);
  });

  it("trickles the body after sending the headers", async () => {
    const t = tenant();
    t.seed({ users: [{ email: "slow@example.com", password: "pw" }] });
    const call = await api();
    // A minute before each chunk: the headers arrive at once, and no byte of the body can have come with them,
    // whatever the machine's load (the body would outlast the test).
    t.faults.inject({ fault: { kind: "slow-body", chunkDelayMs: 60_000, chunkSize: 64 } });
    const response = await call("/users");
    expect(response.status).toBe(200);
    await response.body!.cancel();

    // Short delays: every chunk arrives, and the body is whole.
    t.faults.inject({ fault: { kind: "slow-body", chunkDelayMs: 2, chunkSize: 64 } });
    const body = await (await call("/users")).text();
    expect(body.length).toBeGreaterThan(3 * 64);
    expect(JSON.parse(body)).toEqual([expect.objectContaining({ email: "slow@example.com" })]);
  });

  it("truncates the body: the status arrives, reading the JSON fails, the write took effect", async () => {
    const t = tenant();
    const call = await api();
    t.faults.inject({ match: { method: "POST" }, fault: { kind: "truncate" } });
    const response = await call("/users", newUser("cut@example.com"));
    expect(response.status).toBe(201);
    expect(Number(response.headers.get("content-length"))).toBeGreaterThan(0);
    await expect(response.json()).rejects.toThrow();
    expect(t.findUser("cut@example.com")).toBeDefined();
  });

  it("answers an HTML error page, as a proxy would", async () => {
    const call = await api();
    tenant().faults.inject({ fault: { kind: "html", status: 502 } });
    const response = await call("/users");
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(await response.text()).toContain("<h1>502 Bad Gateway</h1>");
  });

  it("resets the connection before reading the body: the write does not happen", async () => {
    const t = tenant();
    const call = await api();
    t.faults.inject({
      match: { method: "POST", path: "/api/v2/users" },
      fault: { kind: "reset", when: "before-body" },
    });
    await expect(call("/users", newUser("lost@example.com"))).rejects.toThrow();
    expect(t.findUser("lost@example.com")).toBeUndefined();
    expect(t.requests.at(-1)).toMatchObject({
      method: "POST",
      path: "/api/v2/users",
      status: 0,
      fault: "reset",
      body: "",
    });
  });

  it("resets the connection after processing: the write happened but no answer came", async () => {
    const t = tenant();
    const call = await api();
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, fault: { kind: "reset", when: "after-body" } });
    await expect(call("/users", newUser("ghost@example.com"))).rejects.toThrow();
    expect(t.findUser("ghost@example.com")).toBeDefined();
    const retry = await call("/users", newUser("ghost@example.com"));
    expect(retry.status).toBe(409);
    expect(t.stats().resets).toBe(1);
  });

  it("fails the token endpoint", async () => {
    const t = tenant();
    t.faults.inject({ match: { path: "/oauth/token" }, times: 2, fault: { kind: "status", status: 500 } });
    const request = () =>
      fetch(
        `${t.domain}/oauth/token`,
        form({
          grant_type: "client_credentials",
          client_id: t.clientId,
          client_secret: t.clientSecret,
          audience: t.managementAudience,
        }),
      );
    expect((await request()).status).toBe(500);
    expect((await request()).status).toBe(500);
    expect((await request()).status).toBe(200);
    expect(t.stats()).toMatchObject({ tokenRequests: 3, faults: 2 });
  });

  it("only spoils requests that match, first injected first, and can be cancelled or cleared", async () => {
    const t = tenant();
    const call = await api();
    const deletes = t.faults.inject({
      match: { method: "DELETE" },
      times: Infinity,
      fault: { kind: "status", status: 500 },
    });
    t.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "status", status: 502 } });
    expect((await call("/users")).status).toBe(200);
    expect((await call("/roles")).status).toBe(502);
    expect((await call("/users/x", { method: "DELETE" })).status).toBe(500);
    expect((await call("/users/x", { method: "DELETE" })).status).toBe(500);
    expect(deletes.applied).toBe(2);
    deletes.cancel();
    expect((await call("/users/x", { method: "DELETE" })).status).toBe(204);

    t.faults.inject({ times: 5, fault: { kind: "status", status: 500 } });
    t.faults.clear();
    expect((await call("/users")).status).toBe(200);
  });

  it("records requests with method, path, query, headers, body and status", async () => {
    const t = tenant();
    const call = await api();
    await call("/users?page=0&per_page=5&fields=email&fields=name", { headers: { "x-test": "yes" } });
    expect(t.requests.at(-1)).toMatchObject({
      method: "GET",
      path: "/api/v2/users",
      query: { page: "0", per_page: "5", fields: ["email", "name"] },
      headers: expect.objectContaining({ "x-test": "yes", authorization: expect.stringMatching(/^Bearer /) }),
      status: 200,
      rateLimited: false,
    });
  });
});
