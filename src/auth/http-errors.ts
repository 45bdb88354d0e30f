import { NetworkError, RequestAbortedError, RequestTimeoutError } from "../core/errors.js";
import { AuthApiError, FetchError, ResponseError, TimeoutError } from "./errors.js";

/**
 * v5's error for an Authentication API response outside 200–299: `AuthApiError` when the body is a JSON object
 * (`error`/`error_description`, or `code`/`description` when there is no `error`), `ResponseError` otherwise.
 */
export function authApiErrorFor(status: number, text: string, headers: Headers): AuthApiError | ResponseError {
  const fields = jsonObject(text);
  if (fields === undefined) return new ResponseError(status, text, headers);
  return fields.error
    ? new AuthApiError(asText(fields.error), asText(fields.error_description), status, text, headers)
    : new AuthApiError(asText(fields.code), asText(fields.description), status, text, headers);
}

/** Transport failures in the Authentication API's terms: the attempt's timeout, or a fetch that failed (an abort too). */
export function toAuthClientError(error: unknown): unknown {
  if (error instanceof RequestTimeoutError) return new TimeoutError();
  if (error instanceof NetworkError || error instanceof RequestAbortedError) return new FetchError(error);
  return error;
}

/** The body parsed as a JSON object, or undefined when it is not one. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** An error field as text: strings as they are, other JSON values serialised, absent as "". */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
