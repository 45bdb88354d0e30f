import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthApiError, FetchError, TimeoutError } from "../../src/auth/errors.js";
import { backoffDelay, retryPolicy } from "../../src/auth/retry-policy.js";
import type { RetryConfiguration } from "../../src/auth/client-options.js";
import { retry } from "../../src/middleware/retry.js";
import { UserInfoClient } from "../../src/userinfo/userinfo-client.js";
import { DOMAIN, ORIGIN, authClient, rejectionOf } from "./support.js";

afterEach(() => nock.cleanAll());

/** Swap the client's retry link for one with the same policy that records its waits instead of spending them. */
function recordWaits(client: { pipeline: { replace(name: string, middleware: ReturnType<typeof retry>): void } }, option: RetryConfiguration = {}) {
  const waits: number[] = [];
  client.pipeline.replace("retry", retry({ ...retryPolicy(option, true).retry, sleep: async (ms) => void waits.push(ms) }));
  return waits;
}

const networkError = (code: string) => Object.assign(new Error(`socket ${code}`), { code });

describe("AuthenticationClient retries", () => {
  it("are off by default: a 429 fails at once", async () => {
    const scope = nock(ORIGIN).post("/oauth/token").times(2).reply(429, { error: "too_many_requests", error_description: "Slow down" });
    const error = await rejectionOf(authClient().oauth.clientCredentialsGrant({ audience: "a" }));
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ statusCode: 429, error: "too_many_requests" });
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it("when enabled, retry a 429 (a POST too: the server did not act on it) up to 3 times by default", async () => {
    nock(ORIGIN).post("/oauth/token").times(4).reply(429, {});
    const client = authClient({ retry: { enabled: true } });
    const waits = recordWaits(client);
    await expect(client.oauth.clientCredentialsGrant({ audience: "a" })).rejects.toMatchObject({ statusCode: 429 });
    expect(waits).toHaveLength(3);
  });

  it("wait min(random in [w+1, w+250), 10 s) with w = 500·2^(n−1), ignoring Retry-After", async () => {
    nock(ORIGIN).post("/oauth/token").times(4).reply(429, {}, { "retry-after": "30" }).post("/oauth/token").reply(200, { access_token: "at" });
    const client = authClient({ retry: { enabled: true, maxRetries: 4 } });
    const waits = recordWaits(client);
    await expect(client.oauth.clientCredentialsGrant({ audience: "a" })).resolves.toMatchObject({ data: { access_token: "at" } });
    expect(waits).toHaveLength(4);
    waits.forEach((wait, i) => {
      const w = 500 * 2 ** i;
      expect(wait).toBeGreaterThanOrEqual(w + 1);
      expect(wait).toBeLessThan(w + 250);
    });
  });

  it("really wait between attempts (no injected sleep): the second request comes after the backoff's timer fired", async () => {
    // Which timers had fired when the second request arrived: an event, where elapsed time would depend on the load.
    const realSetTimeout = globalThis.setTimeout;
    const fired: number[] = [];
    const spy = vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
      realSetTimeout(() => {
        fired.push(ms ?? 0);
        callback(...args);
      }, ms)) as typeof setTimeout);
    let firedBeforeSecond: number[] = [];
    nock(ORIGIN)
      .post("/oauth/token")
      .reply(429, {})
      .post("/oauth/token")
      .reply(() => ((firedBeforeSecond = [...fired]), [200, { access_token: "at" }]));
    try {
      await authClient({ retry: { enabled: true, maxRetries: 1 } }).oauth.clientCredentialsGrant({ audience: "a" });
    } finally {
      spy.mockRestore();
    }
    expect(firedBeforeSecond.filter((ms) => ms >= 500 && ms < 750)).toHaveLength(1);
  });

  it("retry only the statuses in retryWhen", async () => {
    const scope = nock(ORIGIN).post("/oauth/token").reply(503, "busy").post("/oauth/token").reply(429, {});
    const client = authClient({ retry: { enabled: true, retryWhen: [503] } });
    const waits = recordWaits(client, { retryWhen: [503] });
    await expect(client.oauth.clientCredentialsGrant({ audience: "a" })).rejects.toMatchObject({ statusCode: 429 });
    expect(waits).toHaveLength(1);
    scope.done();
  });

  it("never replay a POST after a connection reset (it may have been processed: refresh tokens rotate)", async () => {
    const scope = nock(ORIGIN).post("/oauth/token").replyWithError(networkError("ECONNRESET")).post("/oauth/token").reply(200, {});
    const client = authClient({ retry: { enabled: true } });
    const waits = recordWaits(client);
    const error = await rejectionOf(client.oauth.refreshTokenGrant({ refresh_token: "rt" }));
    expect(error).toBeInstanceOf(FetchError);
    expect(waits).toEqual([]);
    expect(scope.pendingMocks()).toHaveLength(1);
  });

  it("never retry a timeout", async () => {
    const scope = nock(ORIGIN).post("/oauth/token").delay(300).reply(200, {}).post("/oauth/token").reply(200, {});
    const client = authClient({ retry: { enabled: true }, timeoutDuration: 50 });
    await expect(client.oauth.clientCredentialsGrant({ audience: "a" })).rejects.toBeInstanceOf(TimeoutError);
    expect(scope.pendingMocks()).toHaveLength(1);
  });
});

describe("UserInfoClient retries", () => {
  it("are on by default: a 429 is retried up to 3 times", async () => {
    nock(ORIGIN).get("/userinfo").times(3).reply(429, {}).get("/userinfo").reply(200, { sub: "u" });
    const client = new UserInfoClient({ domain: DOMAIN });
    const waits = recordWaits(client);
    await expect(client.getUserInfo("at")).resolves.toMatchObject({ data: { sub: "u" } });
    expect(waits).toHaveLength(3);
  });

  it("retry a GET after ECONNRESET, EPIPE or ECONNABORTED, within the same budget", async () => {
    nock(ORIGIN)
      .get("/userinfo").replyWithError(networkError("ECONNRESET"))
      .get("/userinfo").replyWithError(networkError("EPIPE"))
      .get("/userinfo").replyWithError(networkError("ECONNABORTED"))
      .get("/userinfo").replyWithError(networkError("ECONNRESET"));
    const client = new UserInfoClient({ domain: DOMAIN });
    const waits = recordWaits(client);
    await expect(client.getUserInfo("at")).rejects.toBeInstanceOf(FetchError);
    expect(waits).toHaveLength(3);
  });

  it("can be switched off", async () => {
    const scope = nock(ORIGIN).get("/userinfo").times(2).reply(429, {});
    await expect(new UserInfoClient({ domain: DOMAIN, retry: { enabled: false } }).getUserInfo("at")).rejects.toMatchObject({ statusCode: 429 });
    expect(scope.pendingMocks()).toHaveLength(1);
  });
});

describe("the retry policy", () => {
  it("backs off per v5's formula and caps each wait at 10 s", () => {
    expect(backoffDelay(1, () => 0)).toBe(501);
    expect(backoffDelay(1, () => 0.999999)).toBe(749);
    expect(backoffDelay(3, () => 0)).toBe(2001);
    expect(backoffDelay(5, () => 0.5)).toBe(8125);
    expect(backoffDelay(6, () => 0)).toBe(10_000);
  });

  it("defaults to 3 retries of 429, caps maxRetries at 10, and gives 0 retries when disabled", () => {
    expect(retryPolicy(undefined, true).maxRetries).toBe(3);
    expect(retryPolicy(undefined, false).maxRetries).toBe(0);
    expect(retryPolicy({ maxRetries: 50 }, true).maxRetries).toBe(10);
    expect(retryPolicy({ enabled: true, maxRetries: 5 }, false).maxRetries).toBe(5);
    expect(retryPolicy({ enabled: false }, true).maxRetries).toBe(0);
    const { retry: link } = retryPolicy(undefined, true);
    expect([429, 500, 503].map((status) => link.statuses!(status))).toEqual([true, false, false]);
    expect([...link.networkCodes!]).toEqual(["ECONNRESET", "EPIPE", "ECONNABORTED"]);
  });

  it("rejects a retryWhen that is not a list of statuses", () => {
    expect(() => retryPolicy({ retryWhen: "429" as never }, true)).toThrow(/retryWhen must be an array/);
  });
});
