/**
 * Errors raised by the core, independent of which API a client speaks. Each client maps the transport-level ones
 * (timeout, abort, network) to its own public classes; `InvalidInputError` and `PluginError` reach users as they are.
 */

/** Bad input caught before any request is sent: a missing domain, a CR/LF in a header, a path param that is not a string. */
export class InvalidInputError extends TypeError {
  override readonly name = "InvalidInputError";
  /** The option, argument or header that was rejected. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** A plugin could not be applied: a duplicate name or a dependency that is not registered before it. */
export class PluginError extends Error {
  override readonly name = "PluginError";
}

/** One attempt ran past its time budget (thrown by the `timeout` link), or waited that long for a rate-limit token. */
export class RequestTimeoutError extends Error {
  override readonly name = "RequestTimeoutError";
  readonly timeoutMs: number;

  constructor(timeoutMs: number, message = `The request attempt exceeded its ${timeoutMs} ms timeout`) {
    super(message);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `abortSignal` fired. */
export class RequestAbortedError extends Error {
  override readonly name = "AbortError";

  constructor(cause?: unknown) {
    super("The user aborted a request", cause === undefined ? undefined : { cause });
  }
}

/** The transport failed without an HTTP status: connection refused or reset, DNS failure, TLS error. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  /** The system error code when the runtime reports one (`ECONNRESET`, `EPIPE`, `UND_ERR_SOCKET`, …). */
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }
}

/**
 * The server answered with a redirect the SDK does not follow: to another origin (credentials — a bearer token, a
 * client secret in a form body — never leave the origin they were meant for), one it cannot see or replay, or too
 * many in a row. Not retried.
 */
export class RedirectError extends Error {
  override readonly name = "RedirectError";
  /** The redirect's status (301, 302, 303, 307, 308; 0 when the runtime hid it). */
  readonly status: number;
  /** The `Location` the server gave, resolved against the request's URL (empty when there was none to read). */
  readonly location: string;

  constructor(message: string, status: number, location: string) {
    super(message);
    this.status = status;
    this.location = location;
  }
}

/**
 * A response body (JSON or text; streams are the caller's) was larger than the client's `maxResponseBytes`. Raised
 * from `content-length` before the body is read when the server declares it, else as soon as the bytes read pass the
 * limit, so an oversized or endless body never fills memory.
 */
export class ResponseTooLargeError extends Error {
  override readonly name = "ResponseTooLargeError";
  /** The limit in force, in bytes. */
  readonly limitBytes: number;

  constructor(limitBytes: number, what: string) {
    super(`${what} is larger than the ${limitBytes}-byte limit (maxResponseBytes); raise the client's maxResponseBytes option to accept it`);
    this.limitBytes = limitBytes;
  }
}

/**
 * The runtime lacks a web API a feature needs, e.g. `crypto.subtle` for ID-token validation on React Native. Raised
 * before the feature is tried, with what to install, instead of a TypeError from deep inside a library.
 */
export class MissingRuntimeFeatureError extends Error {
  override readonly name = "MissingRuntimeFeatureError";
  /** What was being done, e.g. "ID-token validation". */
  readonly feature: string;
  /** The globals that are missing, e.g. `["crypto.subtle", "TextDecoder"]`. */
  readonly missing: readonly string[];

  constructor(feature: string, missing: readonly string[], hint: string) {
    super(`${feature} needs ${missing.join(", ")}, which this runtime lacks. ${hint}`);
    this.feature = feature;
    this.missing = Object.freeze([...missing]);
  }
}
