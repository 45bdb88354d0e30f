import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManagementError, TokenEndpointError } from "auth0";
import { countUnhandledRejections, managementFor, NEW_USER, received, settleAll, useTenant } from "./support.js";

/**
 * 1,000 concurrent calls from one client: one token request for all of them, every promise settles, and with faults
 * mixed in (503s, resets, truncated bodies) the retries carry every read through. Timings are printed, not asserted.
 */

countUnhandledRejections();
// A limit the burst cannot reach: this file is about concurrency, not rate limiting.
const tenant = useTenant({ rateLimit: { burst: 100_000, perSecond: 100_000 } });
// Only loopback is reached here; nock's fetch interception costs ~10 ms per request at this concurrency.
beforeAll(() => void nock.restore());
afterAll(() => void nock.activate());

const CALLS = 1_000;

describe("1,000 concurrent calls from one client", () => {
  it("a cold client: one token request, 1,000 results", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    const { user_id } = await managementFor(t).client.users.create({ ...NEW_USER, email: "ann@example.com" });
    t.clearRequests();
    const started = performance.now();
    const { fulfilled, rejected } = await settleAll(Array.from({ length: CALLS }, () => client.users.get(user_id!)));
    console.log(`1,000 concurrent users.get (cold client): ${Math.round(performance.now() - started)} ms`);
    expect(rejected).toEqual([]);
    expect(fulfilled).toHaveLength(CALLS);
    for (const user of fulfilled) expect(user.email).toBe("ann@example.com");
    expect(t.stats().tokenRequests).toBe(1);
    expect(received(t, "GET", "/api/v2/users/")).toBe(CALLS);
  });

  it("with 150 faults mixed in (503s, resets, truncated bodies): every call settles, and every one succeeds", async () => {
    const t = tenant();
    const { client, waits } = managementFor(t);
    const { user_id } = await client.users.create({ ...NEW_USER, email: "bob@example.com" });
    const match = { method: "GET", path: "/api/v2/users/" };
    t.faults.inject({ match, times: 100, fault: { kind: "status", status: 503 } });
    t.faults.inject({ match, times: 25, fault: { kind: "reset", when: "after-body" } });
    t.faults.inject({ match, times: 25, fault: { kind: "truncate" } });
    t.clearRequests();
    const started = performance.now();
    const { fulfilled, rejected } = await settleAll(Array.from({ length: CALLS }, () => client.users.get(user_id!, {}, { maxRetries: 5 })));
    console.log(`1,000 concurrent users.get through 150 faults: ${Math.round(performance.now() - started)} ms, ${waits.length} retries`);
    expect(rejected).toEqual([]);
    expect(fulfilled).toHaveLength(CALLS);
    expect(waits).toHaveLength(150);
    expect(received(t, "GET", "/api/v2/users/")).toBe(CALLS + 150);
  });

  it("500 concurrent writes with resets after the body: each POST sent once, each caller a result or one clear error", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    await client.users.list();
    const WRITES = 500;
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, times: 25, fault: { kind: "reset", when: "after-body" } });
    t.clearRequests();
    const { fulfilled, rejected } = await settleAll(Array.from({ length: WRITES }, (_, i) => client.users.create({ ...NEW_USER, email: `user${i}@example.com` })));
    expect(fulfilled).toHaveLength(WRITES - 25);
    expect(rejected).toHaveLength(25);
    for (const error of rejected) expect((error as ManagementError).message).toMatch(/ECONNRESET|other side closed/);
    // Not one write replayed: exactly one POST per call, and the reset ones were made all the same.
    expect(received(t, "POST", "/api/v2/users")).toBe(WRITES);
    expect(t.requests.filter((entry) => entry.method === "POST" && (entry.status === 201 || entry.status === 0))).toHaveLength(WRITES);
  });

  it("1,000 concurrent first calls while the token endpoint fails: one token request (and its retries), 1,000 TokenEndpointErrors", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    t.faults.inject({ match: { path: "/oauth/token" }, times: Infinity, fault: { kind: "status", status: 500 } });
    const { rejected } = await settleAll(Array.from({ length: CALLS }, () => client.users.list()));
    t.faults.clear();
    expect(rejected).toHaveLength(CALLS);
    for (const error of rejected) expect(error).toBeInstanceOf(TokenEndpointError);
    expect(t.stats().tokenRequests).toBe(3); // one request, retried twice (maxRetries 2): a second grant is harmless
    expect(t.stats().managementRequests).toBe(0);
  });
});
