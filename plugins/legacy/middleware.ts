/**
 * v4's `middleware` option as one link of the core's chain, `legacyMiddleware`, placed just outside `retry` (after
 * `auth` and `customDomain`): as in v4, every `pre` hook runs once before the first attempt, the attempts and their
 * retries run, then every `post` hook (a 2xx response) or every `onError` hook (no response, or any other status)
 * runs once. The link converts between the core's request/response and fetch's `RequestInit`/`Response`, and only
 * when a hook of that phase exists.
 */
import { FetchError, TimeoutError, type Middleware as CoreMiddleware, type PipelineRequest, type PipelineResponse } from "auth0";
import { headerRecord } from "./init-overrides.js";

/**
 * A `fetch`: the one the client sends with (the `fetch` option, or the global one). v4 wrote the URL as
 * `URL | RequestInfo`; `RequestInfo` (`Request | string`) is a DOM-only name, so it is spelled out here.
 */
export type FetchAPI = (url: URL | Request | string, init: RequestInit) => Promise<Response>;

export interface FetchParams {
  url: URL | Request | string;
  init: RequestInit;
}

export interface RequestContext {
  /** Sends a request of your own (with the client's timeout), outside the chain. */
  fetch: FetchAPI;
  url: URL | Request | string;
  init: RequestInit;
}

export interface ResponseContext extends RequestContext {
  /** A clone: read it freely. */
  response: Response;
}

export interface ErrorContext extends RequestContext {
  /** What failed: a `TimeoutError`, or what `fetch` threw; undefined when the server answered with an error status. */
  error: unknown;
  /** The error response (a clone), when there was one. */
  response?: Response;
}

/** v4's middleware: each hook may return a replacement (new `{ url, init }`, or a `Response`) or nothing. */
export interface Middleware {
  pre?(context: RequestContext): Promise<FetchParams | void> | FetchParams | void;
  post?(context: ResponseContext): Promise<Response | void> | Response | void;
  onError?(context: ErrorContext): Promise<Response | void> | Response | void;
}

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

/** `fetch` with v4's per-request timeout, for hooks that send requests of their own. */
export function fetchWithTimeout(fetch: FetchAPI, timeoutMs: number): FetchAPI {
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

/** What an `onError` hook is told failed: v4 hands over what `fetch` threw, or its `TimeoutError`. */
const hookError = (failure: unknown): unknown => (failure instanceof FetchError ? failure.cause : failure);

/**
 * The `legacyMiddleware` link. `fetch` is what hooks get to send requests of their own (`post` gets it as is, the
 * others with the timeout, as in v4). An error no `onError` hook answers is rethrown (a `TimeoutError` or a
 * `FetchError`: the `legacyTransport` link below `retry` has already put it in v4's terms).
 */
export function legacyMiddleware(hooks: readonly Middleware[], fetch: FetchAPI, timeoutMs: number): CoreMiddleware {
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
