import type { Attributes } from "@opentelemetry/api";
import type { PipelineRequest } from "auth0";

// Stable HTTP client semantic conventions (https://opentelemetry.io/docs/specs/semconv/http/http-spans/). Only the
// request line, the status and the error kind are recorded: never a header, a body or a query value, which is where
// tokens, client secrets, passwords and codes travel.

const KNOWN_METHODS = new Set(["CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE", "QUERY"]);

/** `GET /users/{id}`: the operation's templated path, so span names stay low-cardinality. */
export function spanName(request: PipelineRequest): string {
  return `${request.operation.method} ${request.operation.path}`;
}

export function requestAttributes(request: PipelineRequest, basePath: string): Attributes {
  const { url } = request;
  const attributes: Attributes = {
    "http.request.method": KNOWN_METHODS.has(request.method) ? request.method : "_OTHER",
    "url.full": redactedUrl(url),
    "url.template": urlTemplate(request, basePath),
    "server.address": url.hostname,
    "server.port": url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80,
  };
  if (!KNOWN_METHODS.has(request.method)) attributes["http.request.method_original"] = request.method;
  if (request.attempt > 0) attributes["http.request.resend_count"] = request.attempt;
  return attributes;
}

export function responseAttributes(status: number): Attributes {
  return status >= 400 ? { "http.response.status_code": status, "error.type": String(status) } : { "http.response.status_code": status };
}

/** A failure without a response: its class name (`NetworkError`, `RequestTimeoutError`, `AbortError`). */
export function errorAttributes(error: unknown): { "error.type": string } {
  return { "error.type": error instanceof Error && error.name !== "" ? error.name : "_OTHER" };
}

/**
 * The URL without userinfo, each query value replaced by `REDACTED` unless it is a plain number or boolean under a
 * key that does not look like a credential (`per_page=50&page=2&include_totals=true` stay readable). Keys are kept,
 * so the span still says which filters were used. The core's own redaction (by key) is not public, and a query value
 * can carry more than credentials: `users-by-email?email=…`, a search `q`.
 */
export function redactedUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = "";
  copy.password = "";
  if (copy.search !== "") {
    const pairs = [...copy.searchParams].map(([key, value]) => `${encodeURIComponent(key)}=${isHarmless(key, value) ? encodeURIComponent(value) : "REDACTED"}`);
    copy.search = pairs.join("&");
  }
  return copy.href;
}

const CREDENTIAL_KEY = /code|otp|pin|secret|token|password|passcode|key|assertion|signature|sig/i;

function isHarmless(key: string, value: string): boolean {
  return /^(\d{1,6}|true|false)$/.test(value) && !CREDENTIAL_KEY.test(key);
}

/** The template of the whole path: the operation's path under the client's base path when the URL is under it. */
function urlTemplate(request: PipelineRequest, basePath: string): string {
  const path = request.operation.path;
  if (basePath !== "" && request.url.pathname.startsWith(`${basePath}/`) && !path.startsWith(`${basePath}/`)) return `${basePath}${path}`;
  return path;
}
