import type { Fetcher } from "../core/pipeline.js";
import type { Plugin } from "../core/plugin.js";
import { fetchFetcher } from "../transport/fetch-fetcher.js";
import type { FetchAPI } from "./client-options.js";

/**
 * The `fetch` option as the bottom of the chain: one `fetch(url, init)` per attempt, with the request's method,
 * headers, body, signal (the caller's abort and the per-attempt timeout) and extra init fields (the `agent` as
 * `dispatcher`, `initOverrides` extras). Everything above it — retry, timeout, logging, your middleware — still runs.
 */
export function fetchTransport(fetch: FetchAPI): Fetcher {
  return fetchFetcher((url, init) => fetch(url, init));
}

/** Installs a custom `fetch` as the client's transport. */
export function fetchOption(fetch: FetchAPI): Plugin {
  return { name: "auth0:fetch", setup: (context) => context.setFetcher(fetchTransport(fetch)) };
}
