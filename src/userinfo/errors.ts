import { ResponseError } from "../auth/errors.js";
import { asText, jsonObject } from "../auth/http-errors.js";

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

/** v5's mapping: a JSON object body gives `UserInfoError` (its `error`/`error_description` as they are), anything else `ResponseError`. */
export function userInfoErrorFor(status: number, text: string, headers: Headers): UserInfoError | ResponseError {
  const fields = jsonObject(text);
  if (fields === undefined) return new ResponseError(status, text, headers);
  return new UserInfoError(asText(fields.error), asText(fields.error_description), status, text, headers);
}
