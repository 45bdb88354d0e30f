/**
 * v4's per-call `initOverrides`: a `RequestInit` merged over the request the method computed, or a function of it
 * (which is how `CustomDomainHeader` works). Resolved before the call enters the chain.
 */

export type HTTPMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "HEAD";
export type HTTPHeaders = { [key: string]: string };
export type HTTPQuery = { [key: string]: string | number | boolean | null | Array<string | number | boolean | null> | HTTPQuery };
/** The body before serialisation: a JSON value, or `FormData` for multipart methods. */
export type HTTPBody = unknown;

/** The request as an override function sees it. */
export interface HTTPRequestInit {
  headers?: HTTPHeaders;
  method: HTTPMethod;
  /** DOM's `RequestCredentials`, spelled out: Node's and Workers' type libraries do not declare that name. */
  credentials?: "omit" | "same-origin" | "include";
  body?: HTTPBody;
}

/** The call as the method described it: the filled-in path (under `/api/v2`), query values, method headers, body. */
export interface RequestOpts {
  path: string;
  method: HTTPMethod;
  headers?: HTTPHeaders;
  query?: HTTPQuery;
  body?: HTTPBody;
}

export type InitOverrideFunction = (requestContext: { init: HTTPRequestInit; context: RequestOpts }) => Promise<RequestInit> | RequestInit;

/**
 * Per-call changes: `headers` are merged by name over the computed ones (a `null` value removes one), `body` replaces
 * the body (sent as JSON unless it is `FormData`, `URLSearchParams` or a `Blob`), `method` the verb, `signal` cancels the
 * call; any other field (`cache`, undici's `dispatcher`, …) is handed to `fetch`.
 */
export type InitOverride = RequestInit | InitOverrideFunction;

/** What an override changes, in the core's terms. */
export interface ResolvedInit {
  method?: string;
  headers?: Record<string, string | null>;
  /** Present when the override supplied a body (already serialised). */
  body?: { value: BodyInit | undefined };
  signal?: AbortSignal;
  /** Extra `fetch` init fields. */
  extra?: Record<string, unknown>;
}

const HANDLED = new Set(["method", "headers", "body", "signal"]);

export async function resolveInitOverride(override: InitOverride | undefined, init: HTTPRequestInit, context: RequestOpts): Promise<ResolvedInit> {
  if (override === undefined || override === null) return {};
  const given: RequestInit | undefined = typeof override === "function" ? await override({ init, context }) : override;
  if (given === undefined || given === null || typeof given !== "object") return {};
  const resolved: ResolvedInit = {};
  if (typeof given.method === "string" && given.method !== "") resolved.method = given.method.toUpperCase();
  if (given.headers !== undefined && given.headers !== null) resolved.headers = headerRecord(given.headers);
  if (given.body !== undefined) resolved.body = { value: serialiseBody(given.body) };
  if (given.signal) resolved.signal = given.signal;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) if (!HANDLED.has(key) && value !== undefined) extra[key] = value;
  if (Object.keys(extra).length > 0) resolved.extra = extra;
  return resolved;
}

/** As v4 sends a body: `FormData`, `URLSearchParams` and `Blob` as they are, anything else as JSON (`undefined`: none). */
export function serialiseBody(body: unknown): BodyInit | undefined {
  if (
    body instanceof URLSearchParams ||
    (typeof FormData !== "undefined" && body instanceof FormData) ||
    (typeof Blob !== "undefined" && body instanceof Blob)
  ) {
    return body;
  }
  return JSON.stringify(body) as string | undefined;
}

/** Any `HeadersInit`, names lower-cased; a null or undefined value means "remove this header". */
export function headerRecord(headers: HeadersInit | Record<string, string | null | undefined>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (headers instanceof Headers) {
    headers.forEach((value, name) => (out[name] = value));
  } else if (Array.isArray(headers)) {
    for (const [name, value] of headers) if (name !== undefined) out[name.toLowerCase()] = value ?? null;
  } else {
    for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value === undefined || value === null ? null : String(value);
  }
  return out;
}
