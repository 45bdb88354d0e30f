import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { ManagementClient, ManagementError, NetworkError, retry, type RetryReason } from "auth0";
import { countUnhandledRejections, managementFor, NEW_USER, received, recordRetryWaits, useTenant } from "./support.js";

/**
 * Connection resets, before the tenant read the request body (it did not act) and after it processed the request
 * (a write took effect, the answer never came). The client cannot tell the two apart, so a POST or PATCH is never
 * replayed after a reset — the caller gets one clear error instead of a duplicate — while GET, PUT and DELETE are.
 * Only a connection that was never made (refused) lets a write go again.
 */

countUnhandledRejections();
const tenant = useTenant();

function expectNetworkFailure(error: unknown): ManagementError {
  expect(error).toBeInstanceOf(ManagementError);
  const failure = error as ManagementError;
  expect(failure.statusCode).toBeUndefined();
  expect(failure.rawResponse?.status).toBe(0);
  expect(failure.message).toMatch(/ECONNRESET|other side closed|socket/i);
  expect(failure.cause).toBeInstanceOf(NetworkError);
  expect(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]).toContain((failure.cause as NetworkError).code);
  return failure;
}

describe("connection resets", () => {
  it("reset after the body on a POST: the tenant got exactly one POST and created the user; the caller gets one clear error", async () => {
    const t = tenant();
    const { client, waits } = managementFor(t);
    await client.users.list();
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, times: Infinity, fault: { kind: "reset", when: "after-body" } });

    const error = await client.users.create({ ...NEW_USER, email: "ann@example.com" }).catch((caught: unknown) => caught);
    expectNetworkFailure(error);
    expect(received(t, "POST", "/api/v2/users")).toBe(1);
    expect(t.findUser("ann@example.com")).toBeDefined(); // it did happen: a replay would have been a duplicate
    expect(waits).toEqual([]);
  });

  it("reset before the body on a POST: not replayed either (the client cannot know), nothing created", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    await client.users.list();
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, fault: { kind: "reset", when: "before-body" } });
    expectNetworkFailure(await client.users.create({ ...NEW_USER, email: "bob@example.com" }).catch((caught: unknown) => caught));
    expect(received(t, "POST", "/api/v2/users")).toBe(1);
    expect(t.findUser("bob@example.com")).toBeUndefined();
  });

  it("reset after the body on a PATCH: applied once, not replayed", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "carol@example.com" });
    t.faults.inject({ match: { method: "PATCH" }, fault: { kind: "reset", when: "after-body" } });
    expectNetworkFailure(await client.users.update(user.user_id!, { name: "Carol" }).catch((caught: unknown) => caught));
    expect(received(t, "PATCH", "/api/v2/users/")).toBe(1);
    expect(t.findUser(user.user_id!)?.["name"]).toBe("Carol");
  });

  it.each(["before-body", "after-body"] as const)("reset %s on a GET is retried, and the call succeeds", async (when) => {
    const t = tenant();
    const { client, waits } = managementFor(t);
    const retries: RetryReason[] = [];
    client.lifecycle.hook("request:retry", ({ reason }) => void retries.push(reason));
    const user = await client.users.create({ ...NEW_USER, email: "dan@example.com" });
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, times: 2, fault: { kind: "reset", when } });
    expect((await client.users.get(user.user_id!)).email).toBe("dan@example.com");
    expect(received(t, "GET", "/api/v2/users/")).toBe(3);
    expect(waits).toHaveLength(2);
    expect(retries.map((reason) => reason.kind)).toEqual(["network", "network"]);
  });

  it("reset after the body on a DELETE is retried: the retry finds the user gone and the call succeeds", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "erin@example.com" });
    t.faults.inject({ match: { method: "DELETE" }, fault: { kind: "reset", when: "after-body" } });
    await expect(client.users.delete(user.user_id!)).resolves.toBeUndefined();
    expect(t.requests.filter((entry) => entry.method === "DELETE").map((entry) => entry.status)).toEqual([0, 204]);
    expect(t.findUser(user.user_id!)).toBeUndefined();
  });

  it("a reset GET that never recovers: one ManagementError after maxRetries", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    await client.users.list();
    t.clearRequests();
    t.faults.inject({ match: { method: "GET" }, times: Infinity, fault: { kind: "reset", when: "after-body" } });
    expectNetworkFailure(await client.users.list({}, { maxRetries: 4 }).catch((caught: unknown) => caught));
    expect(received(t, "GET", "/api/v2/users")).toBe(5);
  });

  it("a POST is replayed when the connection was never made (refused), then fails clearly", async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const client = new ManagementClient({ domain: `http://127.0.0.1:${port}`, token: "t" });
    const waits = recordRetryWaits(client);
    const retries: RetryReason[] = [];
    client.lifecycle.hook("request:retry", ({ reason }) => void retries.push(reason));
    const error = await client.users.create({ ...NEW_USER, email: "fay@example.com" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as ManagementError).message).toMatch(/ECONNREFUSED/);
    expect(((error as ManagementError).cause as NetworkError).code).toBe("ECONNREFUSED");
    expect(retries).toEqual([
      { kind: "network", code: "ECONNREFUSED" },
      { kind: "network", code: "ECONNREFUSED" },
    ]);
    expect(waits).toHaveLength(2);
  });

  it("retryNonIdempotent: true (v5's behaviour) does replay a reset POST — and the tenant sees the write twice", async () => {
    const t = tenant();
    const client = new ManagementClient({ domain: t.domain, clientId: t.clientId, clientSecret: t.clientSecret });
    client.pipeline.replace("retry", retry({ retryNonIdempotent: true, sleep: async () => undefined, hooks: client.lifecycle }));
    await client.users.list();
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, fault: { kind: "reset", when: "after-body" } });
    const error = await client.users.create({ ...NEW_USER, email: "gus@example.com" }).catch((caught: unknown) => caught);
    // The first POST created the user; the replay collides with it.
    expect(received(t, "POST", "/api/v2/users")).toBe(2);
    expect((error as ManagementError).statusCode).toBe(409);
  });
});
