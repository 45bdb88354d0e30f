import type { PipelineMiddleware } from "../core/pipeline.js";

/** v5's request types, as an `initOverrides` function sees them. */
export type HTTPMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "HEAD";
export type HTTPHeaders = { [key: string]: string };
/** A query as v4 and v5 describe it (the Authentication API methods send none). */
export type HTTPQuery = {
  [key: string]: string | number | null | boolean | Array<string | number | null | boolean> | Set<string | number | null | boolean> | HTTPQuery;
};
/** A form body is a `URLSearchParams`; a JSON body is the object before serialisation. */
export type HTTPBody = unknown;

export interface HTTPRequestInit {
  headers?: HTTPHeaders;
  method: HTTPMethod;
  /** DOM's `RequestCredentials`, spelled out: Node's and Workers' type libraries do not declare that name. */
  credentials?: "omit" | "same-origin" | "include";
  body?: HTTPBody;
}

export interface RequestOpts {
  path: string;
  method: HTTPMethod;
  headers?: HTTPHeaders;
  query?: HTTPQuery;
  body?: HTTPBody;
}

export type InitOverrideFunction = (requestContext: { init: HTTPRequestInit; context: RequestOpts }) => Promise<RequestInit> | RequestInit;

/**
 * Per-call changes to the request: a `RequestInit` merged over the one the method computed, or a function of it.
 * `headers` are merged by name (a `null` value removes one); `body` replaces the body; `signal` cancels the call; any
 * other field (`cache`, `keepalive`, undici's `dispatcher`, …) is handed to the transport.
 */
export type InitOverride = RequestInit | InitOverrideFunction;

/** What an override changes, in the core's terms. */
export interface ResolvedOverrides {
  method?: string;
  headers?: Record<string, string | null>;
  body?: BodyInit;
  signal?: AbortSignal;
  /** Extra `fetch` init fields, for the transport. */
  fetchInit?: Record<string, unknown>;
}

/** Where a call's extra `fetch` init fields wait for the `fetchInit` link. */
export const FETCH_INIT = "auth0.fetchInit";

const HANDLED = new Set(["method", "headers", "body", "signal"]);

export async function resolveInitOverrides(override: InitOverride | undefined, init: HTTPRequestInit, path: string): Promise<ResolvedOverrides> {
  if (override === undefined || override === null) return {};
  const given: RequestInit =
    typeof override === "function" ? await override({ init, context: { path, method: init.method, headers: init.headers, body: init.body } }) : override;
  if (given === undefined || given === null || typeof given !== "object") return {};

  const resolved: ResolvedOverrides = {};
  if (typeof given.method === "string" && given.method !== "") resolved.method = given.method.toUpperCase();
  if (given.headers !== undefined && given.headers !== null) resolved.headers = headerRecord(given.headers);
  if (given.body !== undefined) resolved.body = serialiseBody(given.body);
  if (given.signal) resolved.signal = given.signal;
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (!HANDLED.has(key) && value !== undefined) rest[key] = value;
  }
  if (Object.keys(rest).length > 0) resolved.fetchInit = rest;
  return resolved;
}

/** Any `HeadersInit`, lower-cased; an explicit null or undefined value means "remove this header". */
export function headerRecord(headers: HeadersInit | Record<string, string | null | undefined>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (headers instanceof Headers) {
    headers.forEach((value, name) => (out[name] = value));
  } else if (Array.isArray(headers)) {
    for (const pair of headers) if (pair[0] !== undefined) out[pair[0].toLowerCase()] = pair[1] ?? null;
  } else {
    for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value === undefined || value === null ? null : String(value);
  }
  return out;
}

/** Bodies `fetch` takes are sent as they are; any other value is sent as JSON, as v5 does. */
function serialiseBody(body: unknown): BodyInit {
  if (
    typeof body === "string" ||
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    (typeof Blob !== "undefined" && body instanceof Blob) ||
    (typeof FormData !== "undefined" && body instanceof FormData) ||
    (typeof ReadableStream !== "undefined" && body instanceof ReadableStream)
  ) {
    return body as BodyInit;
  }
  return JSON.stringify(body);
}

/** The innermost link of the auth clients: hands a call's extra init fields to the transport. */
export function fetchInit(): PipelineMiddleware {
  return (request, next) => {
    const extra = request.context[FETCH_INIT];
    if (extra !== null && typeof extra === "object") request.fetchOptions = { ...request.fetchOptions, ...extra };
    return next(request);
  };
}
