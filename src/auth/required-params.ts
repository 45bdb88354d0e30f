import { RequiredError } from "./errors.js";

/** v5's check of the fields a method cannot do without: null or undefined fails before any request is made. */
export function requireParams(parameters: object | null | undefined, keys: readonly string[]): void {
  const values = (parameters ?? {}) as Record<string, unknown>;
  for (const key of keys) {
    if (values[key] === null || values[key] === undefined) throw new RequiredError(key);
  }
}
