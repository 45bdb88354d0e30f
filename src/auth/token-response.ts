import type { PipelineResponse } from "../core/http.js";
import { NetworkError, RequestTimeoutError } from "../core/errors.js";
import { AuthApiError, FetchError, ResponseError, TimeoutError } from "./errors.js";

/** The Authentication API's error for a non-2xx response: `AuthApiError` for a JSON body, else `ResponseError`. */
export function authErrorFor(response: PipelineResponse): Error {
  const text = typeof response.body === "string" ? response.body : JSON.stringify(response.body ?? "");
  const body = response.body;
  if (!response.bodyIsText && body !== null && typeof body === "object") {
    const fields = body as Record<string, unknown>;
    const error = stringField(fields.error) ?? stringField(fields.code) ?? "";
    const description = stringField(fields.error_description) ?? stringField(fields.description) ?? "";
    return new AuthApiError(error, description, response.status, text, response.headers);
  }
  return new ResponseError(response.status, text, response.headers);
}

function stringField(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Transport failures in the Authentication API's terms. */
export function toAuthTransportError(error: unknown): unknown {
  if (error instanceof RequestTimeoutError) return new TimeoutError();
  if (error instanceof NetworkError) return new FetchError(error);
  return error;
}
