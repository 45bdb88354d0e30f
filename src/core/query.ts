/** Query strings encoded as v5 encodes them: `encodeURIComponent` on keys and values, arrays as repeated keys. */
import { encodeComponent } from "./validate.js";

/** Method query first, then `queryParams`, which replace same-name keys. Encoded like v5: encodeURIComponent. */
export function mergeQuery(query: string | undefined, extra: Record<string, unknown> | undefined): string {
  if (extra === undefined) return query ?? "";
  const overridden = new Set(Object.keys(extra));
  const parts = (query ?? "").split("&").filter((pair) => pair !== "" && !overridden.has(decodeURIComponent(pair.split("=")[0]!)));
  for (const [key, value] of Object.entries(extra)) appendQuery(parts, key, value);
  return parts.join("&");
}

/** Append `key=value` pairs: arrays as repeated keys, null/undefined left out, objects as JSON. */
export function appendQuery(parts: string[], key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) appendQuery(parts, key, item);
    return;
  }
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  parts.push(`${encodeComponent(key, `query.${key}`, "A query parameter name")}=${encodeComponent(text, `query.${key}`, `The value of query parameter "${key}"`)}`);
}

