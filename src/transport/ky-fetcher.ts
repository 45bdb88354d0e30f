import type { Input, KyInstance } from "ky";
import type { PipelineRequest } from "../core/http.js";
import type { Fetcher } from "../core/pipeline.js";
import { fetchFetcher } from "./fetch-fetcher.js";
import { readResponse, transportError } from "./read-response.js";

/**
 * The default transport: one ky instance per client with ky's retry, timeout and HTTP-error throwing switched off,
 * because the chain above owns those. ky is imported on the first request, not when the package loads (importing it
 * touches the runtime's fetch, which costs tens of milliseconds on Node). Where ky cannot load (it builds a
 * `TextEncoder` at import, and React Native before 0.74 has none) the same requests go to the global `fetch` directly.
 */
export function kyFetcher(): Fetcher {
  let instance: Promise<KyInstance> | undefined;
  const load = (): Promise<KyInstance> =>
    (instance ??= import("ky").then(({ default: ky }) =>
      ky.create({
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        // Looked up per call so a runtime or test that swaps globalThis.fetch is honoured, and called unbound
        // from any object: workerd throws "Illegal invocation" otherwise.
        fetch: (input, init) => globalThis.fetch(input, init),
      }),
    ));

  let plain: Fetcher | undefined;
  return async (request: PipelineRequest) => {
    if (plain !== undefined || typeof globalThis.TextEncoder !== "function") {
      return (plain ??= fetchFetcher((url, init) => globalThis.fetch(url, init)))(request);
    }
    const ky = await load();
    const { signal } = request;
    let response: Response;
    try {
      // The href, not the URL object: ky only takes a URL that is an instance of the global one, and the request's
      // is not where the global URL is an incomplete polyfill (React Native).
      response = await ky(request.url.href, {
        ...request.fetchOptions,
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        // The pipeline follows redirects, within the request's origin only (core/redirects.ts).
        redirect: "manual",
        // The signal goes to fetch itself, not to ky's `signal`: ky would join it to a controller of its own, which
        // only ky's (switched off) timeout fires, with AbortSignal.any — ~30 µs a request on Node 20, and a leak when
        // the caller's signal is long-lived (nodejs/node#54614, #55351).
        ...(signal ? { fetch: (input: Input, init?: RequestInit) => globalThis.fetch(input, { ...init, signal }) } : {}),
      });
    } catch (error) {
      throw transportError(error, request);
    }
    return readResponse(response, request);
  };
}
