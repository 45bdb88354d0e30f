/** Narrowing helpers for parsed JSON: the inputs arrive as `unknown` and are checked field by field. */

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asObject(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new Error(`${where}: expected an object`);
  return value;
}

export function asArray(value: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected an array`);
  return value;
}

export function asString(value: unknown, where: string): string {
  if (typeof value !== "string") throw new Error(`${where}: expected a string`);
  return value;
}

/** A string field, or undefined when absent or null. */
export function optString(object: JsonObject, key: string, where: string): string | undefined {
  const value = object[key];
  return value === undefined || value === null ? undefined : asString(value, `${where}.${key}`);
}

export function optObject(object: JsonObject, key: string, where: string): JsonObject | undefined {
  const value = object[key];
  return value === undefined || value === null ? undefined : asObject(value, `${where}.${key}`);
}

export function optBoolean(object: JsonObject, key: string, where: string): boolean | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw new Error(`${where}.${key}: expected a boolean`);
  return value;
}

export function stringArray(value: unknown, where: string): string[] {
  return asArray(value, where).map((item, index) => asString(item, `${where}[${index}]`));
}
