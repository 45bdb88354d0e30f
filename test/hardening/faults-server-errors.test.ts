import { describe, expect, it } from "vitest";
import { Management, ManagementError, type PipelineRequest, type RetryReason } from "auth0";
import { countUnhandledRejections, managementFor, NEW_USER, received, settleAll, useTenant } from "./support.js";

/**
 * 500/502/503/504 bursts. A read is retried on any of them; a write (POST, PATCH) only on 503, the one the server
 * uses to say it did not act — after a 500, 502 or 504 it may have, so the caller gets the error instead of a
 * duplicate. Retry waits are recorded, not spent.
 */

countUnhandledRejections();
const tenant = useTenant();

const STATUSES = [500, 502, 503, 504] as const;

describe("5xx bursts", () => {
  it.each(STATUSES)("a burst of two %i answers on a GET is retried through, with exponential backoff", async (status) => {
    const t = tenant();
    const { client, waits } = managementFor(t);
    const retries: RetryReason[] = [];
    client.lifecycle.hook("request:retry", ({ reason }) => void retries.push(reason));
    const user = await client.users.create({ ...NEW_USER, email: "ann@example.com" });
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, times: 2, fault: { kind: "status", status } });

    expect((await client.users.get(user.user_id!)).email).toBe("ann@example.com");
    expect(received(t, "GET", "/api/v2/users/")).toBe(3);
    expect(retries).toEqual([
      { kind: "status", status },
      { kind: "status", status },
    ]);
    // 1 s then 2 s, ±10% jitter.
    expect(waits[0]).toBeGreaterThanOrEqual(900);
    expect(waits[0]).toBeLessThanOrEqual(1100);
    expect(waits[1]).toBeGreaterThanOrEqual(1800);
    expect(waits[1]).toBeLessThanOrEqual(2200);
  });

  it.each(STATUSES)("a %i burst that outlasts maxRetries on a GET: one ManagementError with the status and body, after 3 attempts", async (status) => {
    const t = tenant();
    const { client } = managementFor(t);
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users" }, times: Infinity, fault: { kind: "status", status } });
    const error = await client.users.list().catch((caught: unknown) => caught);
    // users.list documents 503: it has its own class; the others are plain ManagementErrors, as in v5.
    if (status === 503) expect(error).toBeInstanceOf(Management.ServiceUnavailableError);
    expect(error).toBeInstanceOf(ManagementError);
    const failure = error as ManagementError;
    expect(failure.statusCode).toBe(status);
    expect(failure.message).toMatch(new RegExp(`(^|\\n)Status code: ${status}\\nBody: \\{`));
    expect(failure.body).toMatchObject({ statusCode: status, errorCode: `http_${status}` });
    expect(failure.rawResponse?.status).toBe(status);
    expect(received(t, "GET", "/api/v2/users")).toBe(3);
  });

  it.each([500, 502, 504])("a %i on a POST is not replayed: one POST, one ManagementError", async (status) => {
    const t = tenant();
    const { client, waits } = managementFor(t);
    await client.users.list(); // the token first, so the counts below are the write alone
    t.clearRequests();
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, times: Infinity, fault: { kind: "status", status } });
    const error = await client.users.create({ ...NEW_USER, email: "bob@example.com" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as ManagementError).statusCode).toBe(status);
    expect(received(t, "POST", "/api/v2/users")).toBe(1);
    expect(waits).toEqual([]);
  });

  it("a 503 on a POST or PATCH is replayed (the server did not act): each write lands once", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, times: 2, fault: { kind: "status", status: 503 } });
    const user = await client.users.create({ ...NEW_USER, email: "carol@example.com" });
    expect(received(t, "POST", "/api/v2/users")).toBe(3);
    t.faults.inject({ match: { method: "PATCH" }, times: 1, fault: { kind: "status", status: 503 } });
    expect((await client.users.update(user.user_id!, { name: "Carol" })).name).toBe("Carol");
    expect(received(t, "PATCH", "/api/v2/users/")).toBe(2);
    expect(t.requests.filter((entry) => entry.method === "POST" && entry.status === 201)).toHaveLength(1);
  });

  it("60 concurrent reads through a burst of 90 mixed 5xx answers: every call settles, each failure is a ManagementError with its status", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "dan@example.com" });
    let statusIndex = 0;
    for (let i = 0; i < 90; i++) {
      t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, fault: { kind: "status", status: STATUSES[statusIndex++ % 4]! } });
    }
    const starts: PipelineRequest[] = [];
    client.lifecycle.hook("request:start", ({ request }) => void starts.push(request));
    const { fulfilled, rejected } = await settleAll(Array.from({ length: 60 }, () => client.users.get(user.user_id!)));
    expect(starts).toHaveLength(60);
    expect(fulfilled.length).toBeGreaterThan(0);
    for (const data of fulfilled) expect(data.email).toBe("dan@example.com");
    for (const error of rejected) {
      expect(error).toBeInstanceOf(ManagementError);
      expect(STATUSES).toContain((error as ManagementError).statusCode);
    }
    // Every injected answer was spent, and each failed call used exactly its three attempts.
    expect(t.faults.pending()).toEqual([]);
    expect(received(t, "GET", "/api/v2/users/")).toBe(90 + fulfilled.length);
    expect(rejected.length * 3).toBeLessThanOrEqual(90);
  });
});
