/** Errors of the Authentication API and `/userinfo` clients, with v5's names, messages and properties. */

/** An Authentication API error response with a JSON body: `error` / `error_description`. */
export class AuthApiError extends Error {
  override name = "AuthApiError";
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

/** An error response whose body is not JSON. */
export class ResponseError extends Error {
  override name = "ResponseError";
  readonly statusCode: number;
  readonly body: string;
  readonly headers: Headers;

  constructor(statusCode: number, body: string, headers: Headers, message = "Response returned an error code") {
    super(message);
    this.statusCode = statusCode;
    this.body = body;
    this.headers = headers;
  }
}

/** The request ran past `timeoutDuration`. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
  // The CommonJS build bundles ky, which has a TimeoutError too; the bundler renames one of them: keep this one's name.
  static {
    Object.defineProperty(this, "name", { value: "TimeoutError" });
  }
  constructor() {
    super("The request was timed out.");
  }
}

/** The request failed without a response. */
export class FetchError extends Error {
  override name = "FetchError";
  constructor(cause: unknown, message?: string) {
    super(message ?? (cause instanceof Error && cause.message ? cause.message : "The request failed and the interceptors did not return an alternative response"), { cause });
  }
}

/** A field the method needs was null or undefined; thrown before any request. */
export class RequiredError extends Error {
  override name = "RequiredError";
  readonly field: string;
  constructor(field: string, message?: string) {
    super(message ?? `Required parameter requestParameters.${field} was null or undefined.`);
    this.field = field;
  }
}

/** An ID token failed validation. */
export class IdTokenValidatorError extends Error {
  override name = "IdTokenValidatorError";
}
