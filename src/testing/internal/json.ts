/** A parsed JSON object. Values stay `unknown` until a reader narrows them. */
export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep copy of plain data (records, seeds) so callers never share mutable state with the store. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
