import type { JsonObject } from "../internal/json.js";

/** Applies `fields` (comma-separated) and `include_fields` (default true) to one item, as Auth0 does. */
export function project(item: JsonObject, query: URLSearchParams): JsonObject {
  const fields = query.get("fields");
  if (fields === null || fields.trim() === "") return item;
  const names = new Set(fields.split(",").map((name) => name.trim()));
  const include = query.get("include_fields") !== "false";
  return Object.fromEntries(Object.entries(item).filter(([key]) => names.has(key) === include));
}
