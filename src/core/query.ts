/**
 * Query strings encoded as v5 encodes them (its `queryBuilder` over `toQueryString`): `encodeURIComponent` on keys
 * and values, arrays as repeated keys, nested objects as `key[sub]=…`.
 */
import { encodeComponent } from "./validate.js";

/**
 * The method's query, then `queryParams`. A `queryParams` key replaces the method's parameter of that name where it
 * stands (v5 keeps its parameters in a `Map`); a null, undefined or empty value there changes nothing.
 */
export function mergeQuery(query: string | undefined, extra: Record<string, unknown> | undefined): string {
  if (extra === undefined) return query ?? "";
  const groups = new Map<string, string[]>();
  for (const pair of (query ?? "").split("&")) {
    if (pair === "") continue;
    const key = topLevelKey(pair);
    const group = groups.get(key);
    if (group) group.push(pair);
    else groups.set(key, [pair]);
  }
  for (const [key, value] of Object.entries(extra)) {
    const parts: string[] = [];
    appendQuery(parts, key, value);
    if (parts.length > 0) groups.set(key, parts);
  }
  return [...groups.values()].flat().join("&");
}

/** The parameter a `key=value` pair belongs to: its decoded key up to a `[` (`a[b]=1` belongs to `a`). */
function topLevelKey(pair: string): string {
  const raw = pair.split("=")[0]!;
  let key: string;
  try {
    key = decodeURIComponent(raw);
  } catch {
    key = raw;
  }
  const bracket = key.indexOf("[");
  return bracket > 0 ? key.slice(0, bracket) : key;
}

/**
 * Append `key=value` pairs as v5 does: null/undefined left out; arrays as repeated keys (an undefined item left out,
 * a null one as `key=`); objects as `key[sub]=…` for each entry (an object without entries, a Date included, adds
 * nothing); everything else as its text.
 */
export function appendQuery(parts: string[], key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  appendValue(parts, key, value);
}

function appendValue(parts: string[], key: string, value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === "object" && !Array.isArray(item)) appendValue(parts, key, item);
      else if (item !== undefined) appendPair(parts, key, item === null ? "" : String(item));
    }
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [sub, item] of Object.entries(value)) appendValue(parts, `${key}[${sub}]`, item);
    return;
  }
  appendPair(parts, key, value === null ? "" : String(value));
}

function appendPair(parts: string[], key: string, text: string): void {
  parts.push(`${encodeComponent(key, `query.${key}`, "A query parameter name")}=${encodeComponent(text, `query.${key}`, `The value of query parameter "${key}"`)}`);
}
