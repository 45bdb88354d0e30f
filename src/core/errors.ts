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

/** One attempt ran past its time budget (thrown by the `timeout` link). */
export class RequestTimeoutError extends Error {
  override readonly name = "RequestTimeoutError";
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`The request attempt exceeded its ${timeoutMs} ms timeout`);
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
