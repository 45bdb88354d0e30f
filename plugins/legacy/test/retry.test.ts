import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { ManagementApiError, ManagementClient, type RetryConfiguration } from "../index.js";
import { backoffDelay, legacyRetry } from "../retry.js";
import { DOMAIN, rejection, serve } from "./helpers.js";

afterEach(() => {
  nock.cleanAll();
});

const RATE_LIMITED = [429, { statusCode: 429, error: "Too Many Requests", message: "Global limit has been reached" }, { "content-type": "application/json", "retry-after": "30" }] as const;
const UNAVAILABLE = [503, { statusCode: 503, error: "Service Unavailable", message: "try later" }] as const;

/**
 * A client whose `retry` link is the one the legacy plugin installs, configured the same way, but waiting on a
 * recorded fake sleep (v4's waits add up to seconds).
 */
function clientWithFakeSleep(retry?: RetryConfiguration): { client: ManagementClient; waits: number[] } {
  const client = new ManagementClient({ domain: DOMAIN, token: "t", ...(retry ? { retry } : {}) });
  const waits: number[] = [];
  client.pipeline.replace(
    "retry",
    legacyRetry(retry, client.lifecycle, () => 0.5, async (ms) => void waits.push(ms)),
  );
  return { client, waits };
}

function maxRetriesOfRequests(retry?: RetryConfiguration): Promise<number> {
  serve([200, {}]);
  const client = new ManagementClient({ domain: DOMAIN, token: "t", ...(retry ? { retry } : {}) });
  return new Promise((resolve, reject) => {
    client.lifecycle.hook("request:start", ({ request }) => resolve(request.maxRetries));
    client.users.get({ id: "1" }).catch(reject);
  });
}

describe("v4's retry policy, as the configuration of the core's retry link", () => {
  it("retries a 429 after v4's first wait (end to end, real time)", async () => {
    const recorded = serve(RATE_LIMITED, [200, { user_id: "1" }]);
    const started = Date.now();
    const { data } = await new ManagementClient({ domain: DOMAIN, token: "t", retry: { maxRetries: 1 } }).users.get({ id: "1" });
    expect(data).toEqual({ user_id: "1" });
    expect(recorded).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it("allows 3 retries by default, at most 10, none when disabled", async () => {
    expect(await maxRetriesOfRequests()).toBe(3);
    expect(await maxRetriesOfRequests({ maxRetries: 5 })).toBe(5);
    expect(await maxRetriesOfRequests({ maxRetries: 25 })).toBe(10);
    expect(await maxRetriesOfRequests({ enabled: false })).toBe(0);
    expect(await maxRetriesOfRequests({ enabled: false, maxRetries: 5 })).toBe(0);
  });

  it("retries 429 three times with v4's backoff, ignoring Retry-After, then throws the last error", async () => {
    const recorded = serve(RATE_LIMITED);
    const { client, waits } = clientWithFakeSleep();
    const error = await rejection(client.users.getAll());
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toMatchObject({ statusCode: 429 });
    expect(recorded).toHaveLength(4);
    expect(waits).toEqual([backoffDelay(1, () => 0.5), backoffDelay(2, () => 0.5), backoffDelay(3, () => 0.5)]);
    expect(waits).toEqual([625, 1125, 2125]);
  });

  it("retries any verb on 429, a POST included", async () => {
    const recorded = serve(RATE_LIMITED, [201, { user_id: "new" }]);
    const { client } = clientWithFakeSleep();
    const { data, status } = await client.users.create({ email: "a@b.c", connection: "db" });
    expect({ data, status }).toEqual({ data: { user_id: "new" }, status: 201 });
    expect(recorded.map((request) => request.method)).toEqual(["POST", "POST"]);
    expect(recorded[1]!.body).toBe(recorded[0]!.body);
  });

  it("does not retry a 503 (or any status but 429) by default", async () => {
    const recorded = serve(UNAVAILABLE);
    const { client } = clientWithFakeSleep();
    expect(await rejection(client.users.getAll())).toMatchObject({ statusCode: 503 });
    expect(recorded).toHaveLength(1);
  });

  it("retries the retryWhen statuses instead", async () => {
    const recorded = serve(UNAVAILABLE, UNAVAILABLE, [200, []]);
    const { client } = clientWithFakeSleep({ retryWhen: [503] });
    expect((await client.users.getAll()).data).toEqual([]);
    expect(recorded).toHaveLength(3);
    const again = serve(RATE_LIMITED);
    expect(await rejection(client.users.getAll())).toMatchObject({ statusCode: 429 });
    expect(again).toHaveLength(1);
  });

  it("stops at 10 retries however many are asked for, and makes none when disabled", async () => {
    const recorded = serve(RATE_LIMITED);
    const { client, waits } = clientWithFakeSleep({ maxRetries: 50 });
    await rejection(client.users.getAll());
    expect(recorded).toHaveLength(11);
    expect(waits.slice(5)).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
    const disabled = serve(RATE_LIMITED);
    await rejection(clientWithFakeSleep({ enabled: false }).client.users.getAll());
    expect(disabled).toHaveLength(1);
  });

  it("waits a whole number of ms in [w + 1, w + 250) with w = 500·2^(n−1), at most 10 s", () => {
    for (let n = 1; n <= 7; n++) {
      const w = 500 * 2 ** (n - 1);
      const low = backoffDelay(n, () => 0);
      const high = backoffDelay(n, () => 0.999999);
      expect(low).toBe(Math.min(w + 1, 10_000));
      expect(high).toBe(Math.min(w + 249, 10_000));
      for (let i = 0; i < 20; i++) {
        const delay = backoffDelay(n);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(low);
        expect(delay).toBeLessThanOrEqual(high);
      }
    }
  });

  it("tells request:retry observers about each retry", async () => {
    serve(RATE_LIMITED, RATE_LIMITED, [200, {}]);
    const { client } = clientWithFakeSleep();
    const seen: unknown[] = [];
    client.lifecycle.hook("request:retry", ({ attempt, reason, delayMs }) => void seen.push({ attempt, reason, delayMs }));
    await client.users.get({ id: "1" });
    expect(seen).toEqual([
      { attempt: 1, reason: { kind: "status", status: 429 }, delayMs: 625 },
      { attempt: 2, reason: { kind: "status", status: 429 }, delayMs: 1125 },
    ]);
  });
});
