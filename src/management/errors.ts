import type { RawResponse } from "../core/http.js";

/** An error from the Management API (an HTTP error status) or from getting there (no status). */
export class ManagementError extends Error {
  readonly statusCode: number | undefined;
  readonly body: unknown;
  readonly rawResponse: RawResponse | undefined;

  constructor({
    message,
    statusCode,
    body,
    rawResponse,
    cause,
  }: { message?: string; statusCode?: number; body?: unknown; rawResponse?: RawResponse; cause?: unknown } = {}) {
    super(buildMessage(message, statusCode, body), cause === undefined ? undefined : { cause });
    Object.setPrototypeOf(this, new.target.prototype);
    // Spelled out, not new.target.name: an app's minifier renames classes.
    this.name = "ManagementError";
    this.statusCode = statusCode;
    this.body = body;
    this.rawResponse = rawResponse;
  }
}

/** v5's format: the message, then `Status code: …`, then `Body: <pretty JSON>`, each only when present. */
function buildMessage(message: string | undefined, statusCode: number | undefined, body: unknown): string {
  const lines: string[] = [];
  if (message !== undefined) lines.push(message);
  if (statusCode !== undefined) lines.push(`Status code: ${statusCode}`);
  if (body !== null && body !== undefined) lines.push(`Body: ${safeStringify(body)}`);
  return lines.join("\n");
}

function safeStringify(body: unknown): string {
  try {
    return JSON.stringify(body, undefined, 2) ?? String(body);
  } catch {
    return String(body);
  }
}

/**
 * One attempt ran past `timeoutInSeconds`. Also a `ManagementError` (no status, body or raw response), so code that
 * handles every failed call as a `ManagementError` handles timeouts too; v5's extends `Error` directly.
 */
export class ManagementTimeoutError extends ManagementError {
  constructor(message: string, options?: { cause?: unknown }) {
    super({ message, cause: options?.cause });
    this.name = "ManagementTimeoutError";
  }
}

/** The caller's `abortSignal` fired. A `ManagementError` (as in v5) whose `name` is the standard `AbortError`. */
export class ManagementAbortError extends ManagementError {
  constructor(rawResponse: RawResponse, cause?: unknown) {
    super({ message: "The user aborted a request", rawResponse, cause });
    this.name = "AbortError";
  }
}

// One class per status the API documents, as in v5: `new NotFoundError(body, rawResponse)`.
// Each passes its own name as the message (v5's), through one function rather than twelve copies of the object.
function statusFields(name: string, statusCode: number, body: unknown, rawResponse: RawResponse | undefined): { message: string; statusCode: number; body: unknown; rawResponse?: RawResponse } {
  return { message: name, statusCode, body, ...(rawResponse ? { rawResponse } : {}) };
}
export class BadRequestError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("BadRequestError", 400, body, rawResponse));
    this.name = "BadRequestError";
  }
}
export class UnauthorizedError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("UnauthorizedError", 401, body, rawResponse));
    this.name = "UnauthorizedError";
  }
}
export class PaymentRequiredError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("PaymentRequiredError", 402, body, rawResponse));
    this.name = "PaymentRequiredError";
  }
}
export class ForbiddenError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("ForbiddenError", 403, body, rawResponse));
    this.name = "ForbiddenError";
  }
}
export class NotFoundError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("NotFoundError", 404, body, rawResponse));
    this.name = "NotFoundError";
  }
}
export class ConflictError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("ConflictError", 409, body, rawResponse));
    this.name = "ConflictError";
  }
}
export class GoneError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("GoneError", 410, body, rawResponse));
    this.name = "GoneError";
  }
}
export class PreconditionFailedError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("PreconditionFailedError", 412, body, rawResponse));
    this.name = "PreconditionFailedError";
  }
}
export class ContentTooLargeError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("ContentTooLargeError", 413, body, rawResponse));
    this.name = "ContentTooLargeError";
  }
}
export class TooManyRequestsError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("TooManyRequestsError", 429, body, rawResponse));
    this.name = "TooManyRequestsError";
  }
}
export class InternalServerError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("InternalServerError", 500, body, rawResponse));
    this.name = "InternalServerError";
  }
}
export class ServiceUnavailableError extends ManagementError {
  constructor(body?: unknown, rawResponse?: RawResponse) {
    super(statusFields("ServiceUnavailableError", 503, body, rawResponse));
    this.name = "ServiceUnavailableError";
  }
}

type StatusErrorClass = new (body?: unknown, rawResponse?: RawResponse) => ManagementError;

export const ERROR_CLASS_BY_STATUS: Readonly<Record<number, StatusErrorClass>> = {
  400: BadRequestError,
  401: UnauthorizedError,
  402: PaymentRequiredError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  410: GoneError,
  412: PreconditionFailedError,
  413: ContentTooLargeError,
  429: TooManyRequestsError,
  500: InternalServerError,
  503: ServiceUnavailableError,
};
