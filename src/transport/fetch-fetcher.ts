import type { PipelineRequest } from "../core/http.js";
import type { Fetcher } from "../core/pipeline.js";
import { readResponse, transportError } from "./read-response.js";

/** A `fetch`-shaped function: the global one or the caller's. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The bottom of the chain as one `fetch(url, init)` per attempt, with the request's method, headers, body, signal (the
 * caller's abort and the per-attempt timeout) and extra init fields (the `agent` as `dispatcher`, `initOverrides`
 * extras). Used for the Authentication client's `fetch` option, and by default where ky cannot load.
 */
export function fetchFetcher(fetch: FetchFunction): Fetcher {
  return async (request: PipelineRequest) => {
    let response: Response;
    try {
      response = await fetch(request.url.href, {
        ...request.fetchOptions,
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        signal: request.signal ?? null,
        // The pipeline follows redirects, within the request's origin only (core/redirects.ts).
        redirect: "manual",
      });
    } catch (error) {
      throw transportError(error, request);
    }
    return readResponse(response, request);
  };
}
