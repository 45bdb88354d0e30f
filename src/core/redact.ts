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

/** A deep copy of a JSON-like value with secret keys masked. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = isSecretKey(key) ? REDACTED : redactValue(item, depth + 1);
  return out;
}

/** A URL as text with secret query values masked. */
export function redactUrl(url: URL): string {
  if (url.search === "") return url.href;
  const copy = new URL(url.href);
  for (const key of new Set(copy.searchParams.keys())) {
    if (isSecretKey(key)) copy.searchParams.set(key, REDACTED);
  }
  return copy.href;
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
