/**
 * v4's and v5's object-style middleware (`{ pre, post, onError }`) as one link of the core's chain, placed just
 * outside `retry`: as in v4 and v5, every `pre` hook runs once before the first attempt, the attempts and their
 * retries run, then every `post` hook (a 2xx response) or every `onError` hook (no response, or any other status) runs
 * once. The link converts between the core's request/response and fetch's `RequestInit`/`Response`, and only when a
 * hook of that phase exists. `AuthenticationClient`, `UserInfoClient` and `auth0/legacy` all run their hooks here.
 */
import { NetworkError, RequestTimeoutError } from "../core/errors.js";
import type { PipelineRequest, PipelineResponse } from "../core/http.js";
import type { PipelineMiddleware } from "../core/pipeline.js";
import { FetchError, TimeoutError } from "./errors.js";
import { headerRecord } from "./init-overrides.js";
import type { FetchParams, MiddlewareFetch, Middleware } from "./middleware-contexts.js";

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const HANDLED_INIT = new Set(["method", "headers", "body", "signal"]);
const isOk = (status: number): boolean => status >= 200 && status < 300;

/** The request as `pre` hooks see it: the URL and a complete `RequestInit` (extra fetch fields included). */
function fetchParamsOf(request: PipelineRequest): FetchParams {
  const init: RequestInit = { ...request.fetchOptions, method: request.method, headers: { ...request.headers } };
  if (request.body !== undefined) init.body = request.body;
  if (request.signal !== undefined) init.signal = request.signal;
  return { url: request.url.href, init };
}

/** Write what the hooks left in `{ url, init }` back onto the request. */
function applyFetchParams(request: PipelineRequest, { url, init }: FetchParams): void {
  const href = typeof url === "string" ? url : url instanceof URL ? url.href : url.url;
  if (href !== request.url.href) request.url = new URL(href);
  if (typeof init.method === "string" && init.method !== "") request.method = init.method.toUpperCase();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(headerRecord(init.headers ?? {}))) if (value !== null) headers[name] = value;
  request.headers = headers;
  request.body = init.body ?? undefined;
  if (init.signal) request.signal = init.signal;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(init)) if (!HANDLED_INIT.has(key) && value !== undefined) extra[key] = value;
  request.fetchOptions = Object.keys(extra).length > 0 ? extra : undefined;
}

function toResponse(response: PipelineResponse): Response {
  const text = typeof response.body === "string" ? response.body : response.body === undefined ? "" : JSON.stringify(response.body);
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

async function fromResponse(response: Response, request: PipelineRequest): Promise<PipelineResponse> {
  const text = await response.text();
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    url: response.url || request.url.href,
    redirected: response.redirected,
    type: response.type,
    body: text === "" ? undefined : text,
    bodyIsText: true,
  };
}

/** `fetch` with v4's and v5's per-request timeout, for hooks that send requests of their own. */
function fetchWithTimeout(fetch: MiddlewareFetch, timeoutMs: number): MiddlewareFetch {
  return async (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await fetch(url, { signal: controller.signal, ...init });
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name === "AbortError") throw new TimeoutError();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * What an `onError` hook is told failed, in v4's and v5's terms: their `TimeoutError` for the attempt's timeout, else
 * what `fetch` threw. (The core's chain fails with its own errors; `auth0/legacy`'s has already made them v4's.)
 */
function hookError(failure: unknown): unknown {
  if (failure instanceof RequestTimeoutError) return new TimeoutError();
  if (failure instanceof FetchError || failure instanceof NetworkError) return failure.cause ?? failure;
  return failure;
}

/**
 * The link that runs object-style middleware hooks. `fetch` is what hooks get to send requests of their own (`post`
 * gets it as is, `pre` and `onError` with `timeoutMs`, as in v4 and v5). A failure no `onError` hook answers is
 * rethrown as it came, for the client to report in its own terms.
 */
export function hookMiddleware(hooks: readonly Middleware[], fetch: MiddlewareFetch, timeoutMs: number): PipelineMiddleware {
  const pre = hooks.filter((hook) => typeof hook.pre === "function");
  const post = hooks.filter((hook) => typeof hook.post === "function");
  const onError = hooks.filter((hook) => typeof hook.onError === "function");
  const timed = fetchWithTimeout(fetch, timeoutMs);

  return async (request, next) => {
    let params = fetchParamsOf(request);
    if (pre.length > 0) {
      for (const hook of pre) params = (await hook.pre!({ fetch: timed, url: params.url, init: params.init })) || params;
      applyFetchParams(request, params);
    }

    let result: PipelineResponse | undefined;
    let failure: unknown;
    let failed = false;
    try {
      result = await next(request);
    } catch (error) {
      failed = true;
      failure = error;
    }

    if (failed || !isOk(result!.status)) {
      if (onError.length === 0) {
        if (failed) throw failure;
        return result!;
      }
      let response = result && toResponse(result);
      let replaced = false;
      for (const hook of onError) {
        const answer = await hook.onError!({ fetch: timed, url: params.url, init: params.init, error: failed ? hookError(failure) : undefined, response: response?.clone() });
        if (answer) [response, replaced] = [answer, true];
      }
      if (response === undefined) throw failure;
      return replaced ? fromResponse(response, request) : result!;
    }

    if (post.length === 0) return result!;
    let response = toResponse(result!);
    let replaced = false;
    for (const hook of post) {
      const answer = await hook.post!({ fetch, url: params.url, init: params.init, response: response.clone() });
      if (answer) [response, replaced] = [answer, true];
    }
    return replaced ? fromResponse(response, request) : result!;
  };
}
