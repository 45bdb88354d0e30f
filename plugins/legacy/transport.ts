/** The bottom of the legacy chain: the `legacyTransport` link just inside `retry`, and the `fetch` option as transport. */
import { NetworkError, readResponseText, ResponseTooLargeError, type Fetcher, type PipelineMiddleware, type PipelineRequest, type PipelineResponse } from "auth0";
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

/** undici nests the system error: `TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })`. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function networkError(error: unknown): NetworkError {
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError(message, errorCode(error), error);
}

/** Read the body as the request asked: the stream, the text, or JSON (text when it does not parse). */
async function readBody(response: Response, request: PipelineRequest): Promise<Pick<PipelineResponse, "body" | "bodyIsText">> {
  if (request.responseBody === "stream") return { body: response.body };
  const text = await readResponseText(response, request);
  if (text === "") return { body: undefined };
  if (request.responseBody === "text") return { body: text, bodyIsText: true };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { body: text, bodyIsText: true };
  }
}

/**
 * The `fetch` option as the bottom of the chain: one `fetch(url, init)` per attempt, with the request's method,
 * headers, body, signal (the caller's abort and the per-attempt timeout) and extra init fields (the `agent` as
 * `dispatcher`, `initOverrides` extras). Everything above it still runs: retry, timeout, the v4 middleware hooks.
 */
export function fetchTransport(fetch: FetchAPI): Fetcher {
  return async (request) => {
    let response: Response;
    try {
      response = await fetch(request.url.href, {
        ...request.fetchOptions,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        // The pipeline follows redirects, within the request's origin only.
        redirect: "manual",
      });
    } catch (error) {
      throw networkError(error);
    }
    let body: Pick<PipelineResponse, "body" | "bodyIsText">;
    try {
      body = await readBody(response, request);
    } catch (error) {
      throw error instanceof ResponseTooLargeError ? error : networkError(error);
    }
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      url: response.url,
      redirected: response.redirected,
      type: response.type,
      ...body,
    };
  };
}
