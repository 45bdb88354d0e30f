import { InvalidInputError } from "../../core/errors.js";
import type { IDTokenValidateOptions } from "./options.js";

/**
 * A number of seconds an ID-token check adds to a claim. Anything but a finite number ≥ 0 is refused: a string would
 * be concatenated (`auth_time + "300"` is a huge number, so `max_age` would never fail) and NaN compares false, so
 * either would turn a check into one that always passes.
 */
export function assertSeconds(field: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidInputError(field, `"${field}" must be a finite number of seconds ≥ 0, not ${describe(value)}`);
  }
}

/**
 * The per-call ID-token expectations, checked before the call sends anything: `maxAge` in seconds, `nonce` and
 * `organization` non-empty strings (an empty one would silently switch its check off).
 */
export function checkIdTokenValidateOptions(options: unknown, field = "idTokenValidateOptions"): IDTokenValidateOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object") throw new InvalidInputError(field, `"${field}" must be an object`);
  const { maxAge, nonce, organization } = options as Record<string, unknown>;
  if (maxAge !== undefined) assertSeconds(`${field}.maxAge`, maxAge);
  for (const [name, value] of [["nonce", nonce], ["organization", organization]] as const) {
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw new InvalidInputError(`${field}.${name}`, `"${field}.${name}" must be a non-empty string, not ${describe(value)}`);
    }
  }
  return options as IDTokenValidateOptions;
}

function describe(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number") return String(value);
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
