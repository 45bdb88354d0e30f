import { describe, expect, it, vi } from "vitest";
import { ManagementAbortError, ManagementClient, ManagementError, ManagementTimeoutError, RequestTimeoutError } from "auth0";
import { countUnhandledRejections, managementFor, NEW_USER, received, useTenant } from "./support.js";

/**
 * A slow first byte and a slow body. The per-attempt budget (`timeoutInSeconds`) covers both, a timed-out attempt is a
 * `ManagementTimeoutError` naming the endpoint, and the caller's abort ends a slow body or a waiting retry at once.
 * No assertion here is about elapsed time (a loaded machine stretches it): each fault lasts far longer than the test
 * may run (20 s), so a budget or an abort that did not end it shows as the data arriving or the test timing out.
 */

countUnhandledRejections();
const tenant = useTenant();

const settled = <T>(work: Promise<T>): Promise<T | unknown> => work.catch((caught: unknown) => caught);

describe("slow responses", () => {
  it("a first byte later than the budget: ManagementTimeoutError naming the endpoint, from the budget, one attempt", async () => {
    const t = tenant();
    const { client, waits } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "ann@example.com" });
    let attempts = 0;
    client.pipeline.use((request, next) => (attempts++, next(request)), { name: "attempts", after: "retry" });
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, fault: { kind: "latency", ms: 60_000 } });
    const value = await settled(client.users.get(user.user_id!, {}, { timeoutInSeconds: 0.3 }));
    expect(value).toBeInstanceOf(ManagementTimeoutError);
    expect((value as Error).message).toBe("Timeout exceeded when calling GET /users/{id}.");
    expect((value as Error).cause).toBeInstanceOf(RequestTimeoutError);
    expect(((value as Error).cause as RequestTimeoutError).timeoutMs).toBe(300);
    // A timed-out attempt is not retried.
    expect(attempts).toBe(1);
    expect(waits).toEqual([]);
  });

  it("a first byte late but within the budget: the data", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "bob@example.com" });
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, fault: { kind: "latency", ms: 250 } });
    expect((await client.users.get(user.user_id!, {}, { timeoutInSeconds: 3 })).email).toBe("bob@example.com");
  });

  it("a slow first byte on a POST past the budget: a timeout, the write not replayed (the tenant still made it)", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    await client.users.list();
    t.faults.inject({ match: { method: "POST", path: "/api/v2/users" }, fault: { kind: "latency", ms: 400 } });
    const value = await settled(client.users.create({ ...NEW_USER, email: "carol@example.com" }, { timeoutInSeconds: 0.1 }));
    expect(value).toBeInstanceOf(ManagementTimeoutError);
    expect((value as Error).message).toBe("Timeout exceeded when calling POST /users.");
    // The tenant finishes the write after its latency: wait for that (polled, bounded), not for a guessed time.
    await vi.waitFor(() => expect(t.findUser("carol@example.com")).toBeDefined(), { timeout: 10_000, interval: 20 });
    expect(received(t, "POST", "/api/v2/users")).toBe(1);
  });

  it("a body trickling in past the budget: the timeout covers the body", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    t.seed({ users: Array.from({ length: 5 }, (_, i) => ({ email: `slow${i}@example.com`, password: "Passw0rd!long" })) });
    await client.users.list();
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users" }, fault: { kind: "slow-body", chunkDelayMs: 30, chunkSize: 16 } });
    const value = await settled(client.users.list({}, { timeoutInSeconds: 0.4, maxRetries: 0 }));
    expect(value).toBeInstanceOf(ManagementTimeoutError); // the whole body would take seconds, and be the data
    expect((value as Error).message).toBe("Timeout exceeded when calling GET /users.");
  });

  it("a body trickling in within the budget: the whole body, parsed", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "dan@example.com" });
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, fault: { kind: "slow-body", chunkDelayMs: 2, chunkSize: 64 } });
    expect((await client.users.get(user.user_id!, {}, { timeoutInSeconds: 5 })).email).toBe("dan@example.com");
  });

  it("the caller's abort during a slow body: an AbortError at once, not a timeout", async () => {
    const t = tenant();
    const { client } = managementFor(t);
    const user = await client.users.create({ ...NEW_USER, email: "erin@example.com" });
    t.faults.inject({ match: { method: "GET", path: "/api/v2/users/" }, fault: { kind: "slow-body", chunkDelayMs: 100, chunkSize: 4 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const value = await settled(client.users.get(user.user_id!, {}, { abortSignal: controller.signal }));
    expect(value).toBeInstanceOf(ManagementAbortError); // the whole body would take ten seconds, and be the data
    expect(value).toBeInstanceOf(ManagementError);
    expect((value as Error).name).toBe("AbortError");
    expect((value as Error).message).toBe("The user aborted a request");
  });

  it("the caller's abort during a retry's real wait (Retry-After: 30): an AbortError at once", async () => {
    const t = tenant();
    // The real retry link this time: its 30-second wait must end on the abort.
    const client = new ManagementClient({ domain: t.domain, clientId: t.clientId, clientSecret: t.clientSecret, throttle: false });
    await client.users.list();
    t.faults.inject({ match: { method: "GET" }, fault: { kind: "status", status: 503, headers: { "retry-after": "30" } } });
    const controller = new AbortController();
    client.lifecycle.hook("request:retry", () => void setTimeout(() => controller.abort(), 50));
    // Not ended by the abort, the 30-second wait would outlast the test's 20 s.
    expect(await settled(client.users.list({}, { abortSignal: controller.signal }))).toBeInstanceOf(ManagementAbortError);
  });
});
