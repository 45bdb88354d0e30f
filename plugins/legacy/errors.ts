import { FetchError, NetworkError, RequestAbortedError, RequestTimeoutError, ResponseError, TimeoutError } from "auth0";

/** A Management API error response with a JSON body, as v4 reports it. */
export class ManagementApiError extends Error {
  override name = "ManagementApiError";
  /** The body's `errorCode`, e.g. `inexistent_user`. */
  readonly errorCode: string | undefined;
  /** The body's `error`, e.g. `Not Found`. */
  readonly error: string;
  /** The body's `statusCode`, else the HTTP status. */
  readonly statusCode: number;
  /** The raw response text. */
  readonly body: string;
  readonly headers: Headers;
  /** The body's `message` (also the error's `message`). */
  readonly msg: string;

  constructor(errorCode: string | undefined, error: string, statusCode: number, body: string, headers: Headers, msg: string) {
    super(msg);
    this.errorCode = errorCode;
    this.error = error;
    this.statusCode = statusCode;
    this.body = body;
    this.headers = headers;
    this.msg = msg;
  }
}

interface ErrorBody {
  errorCode?: string;
  error?: string;
  message?: string;
  statusCode?: number;
}

/** v4's error for a status outside 200–299: `ManagementApiError` when the body is JSON, `ResponseError` otherwise. */
export function managementApiErrorFor(status: number, text: string, headers: Headers): ManagementApiError | ResponseError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new ResponseError(status, text, headers, "Response returned an error code");
  }
  if (parsed === null || parsed === undefined) return new ResponseError(status, text, headers, "Response returned an error code");
  const fields = (typeof parsed === "object" ? parsed : {}) as ErrorBody;
  return new ManagementApiError(fields.errorCode, fields.error as string, fields.statusCode || status, text, headers, fields.message as string);
}

/**
 * The core's transport failures in v4's terms: the attempt's timeout is a `TimeoutError`, anything else without a
 * response (a network failure, an abort) a `FetchError` whose `cause` is what `fetch` threw.
 */
export function toLegacyError(error: unknown): unknown {
  if (error instanceof RequestTimeoutError) return new TimeoutError();
  if (error instanceof NetworkError) return new FetchError(error.cause ?? error, error.message);
  if (error instanceof RequestAbortedError) return new FetchError(error);
  return error;
}
