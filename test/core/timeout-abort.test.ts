import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { retry } from "../../src/middleware/retry.js";
import { ManagementError, ManagementTimeoutError } from "../../src/management/errors.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

describe("timeout", () => {
  it("fails an attempt that runs past timeoutInSeconds with ManagementTimeoutError naming the endpoint", async () => {
    nock(ORIGIN).get("/api/v2/things").delay(500).reply(200, {});
    const client = new TestClient({ maxRetries: 0 });
    const error = await client.call({ options: { timeoutInSeconds: 0.05 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect((error as Error).message).toBe("Timeout exceeded when calling GET /things.");
  });

  it("is also a ManagementError (v5 code catches failed calls as that), with Error still an ancestor", async () => {
    nock(ORIGIN).get("/api/v2/things").delay(500).reply(200, {});
    const client = new TestClient({ maxRetries: 0 });
    const error = await client.call({ options: { timeoutInSeconds: 0.05 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(ManagementTimeoutError.prototype)).toBe(ManagementError.prototype);
    expect(error).toMatchObject({ name: "ManagementTimeoutError", message: "Timeout exceeded when calling GET /things.", statusCode: undefined, body: undefined });
    expect(String(error)).toBe("ManagementTimeoutError: Timeout exceeded when calling GET /things.");
    expect((error as Error).cause).toBeDefined();
  });

  it("gives each attempt a fresh budget (per attempt, not per call)", async () => {
    // On a clock the test moves (only the timers are fake) and a transport the test answers: two attempts of 100 ms
    // each, 200 ms in all, under a 150 ms budget. A per-call budget would abort the second attempt at 150 ms.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const attempts: Array<{ signal: AbortSignal | undefined; answer: (status: number) => void }> = [];
      let attemptStarted: () => void = () => undefined;
      const client = new TestClient({ timeoutInSeconds: 0.15 });
      client.pipeline.replace("retry", retry({ sleep: async () => undefined }));
      client.pipeline.setFetcher(
        (request) =>
          new Promise((resolve, reject) => {
            request.signal?.addEventListener("abort", () => reject(request.signal?.reason), { once: true });
            const answer = (status: number) => resolve({ status, statusText: "", headers: new Headers(), url: request.url.href, redirected: false, type: "basic", body: { status } });
            attempts.push({ signal: request.signal, answer });
            attemptStarted();
          }),
      );
      const nextAttempt = () => new Promise<void>((resolve) => (attemptStarted = resolve));

      let started = nextAttempt();
      const call = client.call();
      await started;
      await vi.advanceTimersByTimeAsync(100);
      started = nextAttempt();
      attempts[0]!.answer(503);
      await started;
      await vi.advanceTimersByTimeAsync(100); // 200 ms since the call began
      expect(attempts[1]!.signal?.aborted).toBe(false);
      attempts[1]!.answer(200);
      expect((await call).response.body).toEqual({ status: 200 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("uses the client's timeoutInSeconds when the call gives none", async () => {
    nock(ORIGIN).get("/api/v2/things").delay(300).reply(200, {});
    const client = new TestClient({ timeoutInSeconds: 0.05, maxRetries: 0 });
    await expect(client.call()).rejects.toBeInstanceOf(ManagementTimeoutError);
  });
});

describe("abort", () => {
  it("surfaces a caller's abort as an AbortError (a ManagementError, as in v5), not as a timeout", async () => {
    nock(ORIGIN).get("/api/v2/things").delay(1000).reply(200, {});
    const client = new TestClient();
    const controller = new AbortController();
    const pending = client.call({ options: { abortSignal: controller.signal } });
    setTimeout(() => controller.abort(), 20);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toMatchObject({ name: "AbortError", message: "The user aborted a request" });
    expect((error as ManagementError).rawResponse?.status).toBe(499);
  });

  it("fails at once, with no request, when the signal is already aborted", async () => {
    const scope = nock(ORIGIN).get("/api/v2/things").reply(200, {});
    const client = new TestClient();
    await expect(client.call({ options: { abortSignal: AbortSignal.abort() } })).rejects.toMatchObject({ name: "AbortError" });
    expect(scope.isDone()).toBe(false);
  });
});
