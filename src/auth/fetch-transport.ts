import type { Fetcher } from "../core/pipeline.js";
import type { Plugin } from "../core/plugin.js";
import { readResponse, transportError } from "../transport/read-response.js";
import type { FetchAPI } from "./client-options.js";

/**
 * The `fetch` option as the bottom of the chain: one `fetch(url, init)` per attempt, with the request's method,
 * headers, body, signal (the caller's abort and the per-attempt timeout) and extra init fields (the `agent` as
 * `dispatcher`, `initOverrides` extras). Everything above it — retry, timeout, logging, your middleware — still runs.
 */
export function fetchTransport(fetch: FetchAPI): Fetcher {
  return async (request) => {
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

/** Installs a custom `fetch` as the client's transport. */
export function fetchOption(fetch: FetchAPI): Plugin {
  return { name: "auth0:fetch", setup: (context) => context.setFetcher(fetchTransport(fetch)) };
}
