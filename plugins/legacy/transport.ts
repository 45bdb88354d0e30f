/** The bottom of the legacy chain: the `legacyTransport` link just inside `retry` (the `fetch` option is the main entry's `fetchFetcher`). */
import type { PipelineMiddleware } from "auth0";
import { toLegacyError } from "./errors.js";

/**
 * v4's `fetch` option: the one the client sends with (hooks get it too). v4 wrote the URL as `URL | RequestInfo`;
 * `RequestInfo` (`Request | string`) is a DOM-only name, so it is spelled out here.
 */
export type FetchAPI = (url: URL | Request | string, init: RequestInit) => Promise<Response>;

/** Where a call's extra `fetch` init fields (from `initOverrides`) wait for the `legacyTransport` link. */
export const FETCH_INIT = "auth0.legacy.fetchInit";

/**
 * The `legacyTransport` link, placed just inside `retry`: hands each attempt the call's extra `fetch` init fields,
 * and turns a failed attempt into v4's error (`TimeoutError`, `FetchError`) so that the `retry` link, which retries
 * only the core's network errors, leaves it alone as v4 did.
 */
export function legacyTransport(): PipelineMiddleware {
  return async (request, next) => {
    const extra = request.context[FETCH_INIT];
    if (extra !== null && typeof extra === "object") request.fetchOptions = { ...request.fetchOptions, ...extra };
    try {
      return await next(request);
    } catch (error) {
      throw toLegacyError(error);
    }
  };
}
