import type { PipelineRequest, PipelineResponse } from "./http.js";
import { decodeQueryComponent, parseUrl } from "./url.js";

/**
 * What never leaves the process in a log line, an error or a hook payload: credentials in headers, bodies and
 * query strings. Matching is by key, so a value is redacted wherever it sits.
 */
const SECRET_KEYS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "password",
  "new_password",
  "client_secret",
  "client_assertion",
  "code",
  "code_verifier",
  "otp",
  "binding_code",
  "recovery_code",
  "assertion",
  "subject_token",
  "actor_token",
  "access_token",
  "refresh_token",
  "id_token",
  "token",
  "secret",
  "signing_key",
  "private_key",
]);

const SECRET_PATTERN = /(password|secret|token|assertion|private_?key|api_?key)/i;

export const REDACTED = "[REDACTED]";

export function isSecretKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SECRET_KEYS.has(lower) || SECRET_PATTERN.test(lower);
}

export function redactHeaders(headers: Record<string, string> | Headers): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [key, value] of entries) out[key] = isSecretKey(key) ? REDACTED : value;
  return out;
}

/** A deep copy of a JSON-like value with secret keys masked; what is nested too deep to inspect is left out, not copied. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[nested too deep]";
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const masked = isSecretKey(key) ? REDACTED : redactValue(item, depth + 1);
    // A "__proto__" key (JSON.parse makes it an own property) stays a key: assigned, it would swap the copy's prototype.
    if (key === "__proto__") Object.defineProperty(out, key, { value: masked, enumerable: true, writable: true, configurable: true });
    else out[key] = masked;
  }
  return out;
}

const ENCODED_REDACTED = encodeURIComponent(REDACTED);

/**
 * A URL as text with secret query values masked; every other pair is kept as written. Works on the href string, not
 * through `searchParams`, so a partial URL polyfill (React Native) is enough.
 */
export function redactUrl(url: URL): string {
  const href = url.href;
  const query = href.indexOf("?");
  if (query < 0) return href;
  const hash = href.indexOf("#", query);
  const end = hash < 0 ? href.length : hash;
  const pairs = href.slice(query + 1, end).split("&");
  let masked = false;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    const equals = pair.indexOf("=");
    const key = equals < 0 ? pair : pair.slice(0, equals);
    if (key !== "" && isSecretKey(decodeQueryComponent(key))) {
      pairs[i] = `${key}=${ENCODED_REDACTED}`;
      masked = true;
    }
  }
  return masked ? `${href.slice(0, query + 1)}${pairs.join("&")}${href.slice(end)}` : href;
}

/** A request body (JSON text, form data or URL-encoded) as loggable data. */
export function redactBody(body: unknown): unknown {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") {
    const trimmed = body.trimStart();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        return redactValue(JSON.parse(body));
      } catch {
        return `[${body.length} characters]`;
      }
    }
    return `[${body.length} characters]`;
  }
  if (body instanceof URLSearchParams) {
    const out: Record<string, string> = {};
    for (const [key, value] of body) out[key] = isSecretKey(key) ? REDACTED : value;
    return out;
  }
  if (typeof FormData !== "undefined" && body instanceof FormData) {
    const out: Record<string, string> = {};
    for (const [key, value] of body) out[key] = typeof value === "string" ? (isSecretKey(key) ? REDACTED : value) : "[file]";
    return out;
  }
  return "[binary body]";
}

/**
 * A request as hook observers see it: the same call (method, operation, attempt, budget, the shared `context`) with
 * credentials masked as at debug logging — secret headers, secret query values, and the body. The body is masked
 * when first read, so observers that never look at it cost nothing.
 */
export function redactRequest(request: PipelineRequest): PipelineRequest {
  const view: PipelineRequest = { ...request, headers: redactHeaders(request.headers) };
  if (request.url.href.includes("?")) view.url = parseUrl(redactUrl(request.url));
  return maskedLazily(view, () => redactBody(request.body));
}

/** A response as hook observers see it: tokens and other secrets in a JSON body masked; a stream is left as it is. */
export function redactResponse(response: PipelineResponse): PipelineResponse {
  const body = response.body;
  if (body === undefined || body === null || (typeof ReadableStream !== "undefined" && body instanceof ReadableStream)) return response;
  return maskedLazily({ ...response }, () => {
    if (typeof body !== "string") return redactValue(body);
    if (!/^\s*[[{]/.test(body)) return body;
    try {
      return JSON.stringify(redactValue(JSON.parse(body)));
    } catch {
      return `[${body.length} characters]`;
    }
  });
}

function maskedLazily<T extends { body?: unknown }>(view: T, mask: () => unknown): T {
  Object.defineProperty(view, "body", {
    enumerable: true,
    configurable: true,
    get() {
      const value = mask();
      Object.defineProperty(view, "body", { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
  return view;
}
