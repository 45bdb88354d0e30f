import { describe, expect, it } from "vitest";
import { abortSourceOf, type AbortSource } from "../../src/core/attempt-abort.js";
import { RequestTimeoutError } from "../../src/core/errors.js";
import { transportError } from "../../src/transport/read-response.js";
import type { PipelineRequest, PipelineResponse } from "../../src/core/http.js";
import { ManagementAbortError, ManagementTimeoutError } from "../../src/management/errors.js";
import { TestClient } from "../helpers/test-client.js";

const OK: PipelineResponse = { status: 200, statusText: "OK", headers: new Headers(), url: "", redirected: false, type: "basic", body: { ok: true } };

/** A transport that waits for the request's abort source (never reading `signal`) and reports what it saw. */
function waitingFetcher(seen: { source?: AbortSource | undefined; request?: PipelineRequest }) {
  return (request: PipelineRequest) => {
    const source = abortSourceOf(request);
    seen.source = source;
    seen.request = request;
    // As a real transport does: what it threw on the abort goes through transportError.
    return new Promise<PipelineResponse>((_resolve, reject) => source?.addEventListener("abort", () => reject(transportError(new Error("aborted"), request))));
  };
}

describe("the attempt's abort (timeout link) without an AbortSignal", () => {
  it("reaches a transport through abortSourceOf, firing with RequestTimeoutError at the deadline", async () => {
    const seen: { source?: AbortSource; request?: PipelineRequest } = {};
    const client = new TestClient({ maxRetries: 0 });
    client.pipeline.setFetcher(waitingFetcher(seen));
    const error = await client.call({ options: { timeoutInSeconds: 0.02 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementTimeoutError);
    expect(seen.source).not.toBeInstanceOf(AbortSignal);
    expect(seen.source!.aborted).toBe(true);
    expect(seen.source!.reason).toBeInstanceOf(RequestTimeoutError);
    // Read after the fact, `signal` is a real AbortSignal, already aborted with the same reason.
    const signal = seen.request!.signal!;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(seen.source!.reason);
  });

  it("carries the caller's abort and its reason", async () => {
    const seen: { source?: AbortSource; request?: PipelineRequest } = {};
    const client = new TestClient({ maxRetries: 0 });
    client.pipeline.setFetcher(waitingFetcher(seen));
    const controller = new AbortController();
    const pending = client.call({ options: { abortSignal: controller.signal } }).catch((e: unknown) => e);
    while (seen.source === undefined) await new Promise((resolve) => setImmediate(resolve));
    controller.abort("stop");
    expect(await pending).toBeInstanceOf(ManagementAbortError);
    expect(seen.source.reason).toBe("stop");
  });

  it("gives a link that reads `signal` a real AbortSignal that fires too, and listeners behave as on one", async () => {
    const client = new TestClient({ maxRetries: 0 });
    let signal: AbortSignal | undefined;
    client.pipeline.setFetcher((request) => {
      signal = request.signal;
      const source = abortSourceOf(request)!;
      const late = () => expect.unreachable("a listener removed before the abort is not called");
      source.addEventListener("abort", late);
      source.removeEventListener("abort", late);
      return new Promise<PipelineResponse>((_resolve, reject) => signal!.addEventListener("abort", () => reject(signal!.reason)));
    });
    await expect(client.call({ options: { timeoutInSeconds: 0.02 } })).rejects.toBeInstanceOf(ManagementTimeoutError);
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal!.reason).toBeInstanceOf(RequestTimeoutError);
  });

  it("is not used for a request a link below rebuilt or gave its own signal: the transport gets request.signal", async () => {
    const client = new TestClient({ maxRetries: 0 });
    const mine = new AbortController();
    const sources: unknown[] = [];
    client.pipeline.setFetcher(async (request) => {
      sources.push(abortSourceOf(request));
      return OK;
    });
    const rebuild = client.pipeline.use((request, next) => next({ ...request, headers: { ...request.headers, "x-rebuilt": "1" } }), { name: "rebuild", after: "timeout" });
    await client.call();
    rebuild();
    client.pipeline.use((request, next) => next({ ...request, signal: mine.signal }), { name: "own-signal", after: "timeout" });
    await client.call();
    expect(sources[0]).toBeInstanceOf(AbortSignal);
    expect(sources[1]).toBe(mine.signal);
  });

  it("carries fields a link added to the request, as a spread would", async () => {
    const client = new TestClient({ maxRetries: 0 });
    let extra: unknown;
    client.pipeline.setFetcher(async (request) => {
      extra = (request as PipelineRequest & { tag?: string }).tag;
      return OK;
    });
    client.pipeline.use((request, next) => next(Object.assign(request, { tag: "kept" })), { name: "tagger", before: "timeout" });
    await client.call();
    expect(extra).toBe("kept");
  });
});
