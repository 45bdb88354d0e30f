import { ResponseError } from "../auth/errors.js";

/** A `/userinfo` error response with a JSON body, or a response whose `sub` is not the one expected. */
export class UserInfoError extends Error {
  override name = "UserInfoError";
  readonly error: string;
  readonly error_description: string;
  readonly statusCode: number;
  /** The raw response text. */
  readonly body: string;
  readonly headers: Headers;

  constructor(error: string, errorDescription: string, statusCode: number, body: string, headers: Headers) {
    super(errorDescription || error);
    this.error = error;
    this.error_description = errorDescription;
    this.statusCode = statusCode;
    this.body = body;
    this.headers = headers;
  }
}

/**
 * v5's mapping: a body that parses as JSON (but not `null`) gives `UserInfoError` with its `error` and
 * `error_description` as they are (undefined when missing), anything else `ResponseError`.
 */
export function userInfoErrorFor(status: number, text: string, headers: Headers): UserInfoError | ResponseError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new ResponseError(status, text, headers);
  }
  if (parsed === null) return new ResponseError(status, text, headers);
  const { error, error_description: description } = Object(parsed) as { error?: string; error_description?: string };
  return new UserInfoError(error as string, description as string, status, text, headers);
}
