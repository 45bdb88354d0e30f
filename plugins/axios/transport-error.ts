import { NetworkError, RequestAbortedError, RequestTimeoutError, ResponseTooLargeError, type PipelineRequest } from "auth0";

/**
 * What axios threw, as the core's errors, mirroring the default transport (src/transport/read-response.ts
 * `transportError`): the attempt's timeout or the caller's abort when the chain's signal fired, else a
 * `NetworkError` carrying the system code (ECONNRESET, ECONNREFUSED, …) that the `retry` link decides on.
 *
 * The axios error is never kept as the cause: it carries the request config — the Authorization header, the token
 * request's client secret. Only the underlying system error (code, syscall, address) is.
 */
export function transportError(error: unknown, request: PipelineRequest): Error {
  if (error instanceof RequestTimeoutError || error instanceof RequestAbortedError || error instanceof NetworkError) return error;
  const signal = request.signal;
  if (signal?.aborted) {
    return signal.reason instanceof RequestTimeoutError ? signal.reason : new RequestAbortedError(signal.reason);
  }
  const tooLarge = isAxiosError(error) ? /^maxContentLength size of (\d+) exceeded/.exec(error.message) : null;
  if (tooLarge) return new ResponseTooLargeError(Number(tooLarge[1]), `The response to ${request.method} ${request.operation.path}`);
  const cause = systemError(error);
  return new NetworkError(describe(error, cause), networkCode(error), cause);
}

interface AxiosErrorShape {
  readonly isAxiosError: true;
  readonly code?: string;
  readonly message: string;
  readonly cause?: unknown;
  readonly response?: unknown;
}

function isAxiosError(error: unknown): error is AxiosErrorShape {
  return typeof error === "object" && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

function networkCode(error: unknown): string | undefined {
  // The connection closed after the headers, before the body was complete. fetch reports this as a socket error,
  // which the retry link treats like a reset; axios reports a generic "bad response".
  if (isAxiosError(error) && error.code === "ERR_BAD_RESPONSE" && error.response !== undefined && /aborted/i.test(error.message)) {
    return "ECONNRESET";
  }
  // The system's code wherever it sits in the cause chain, before axios's own (`ERR_NETWORK` over the fetch
  // adapter's `ECONNRESET`, say), which the retry policy does not know.
  let axiosCode: string | undefined;
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      if (!code.startsWith("ERR_")) return code;
      axiosCode ??= code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return axiosCode;
}

/** The error to keep as the cause: the system error under an axios error, never the axios error itself. */
function systemError(error: unknown): unknown {
  if (!isAxiosError(error)) return error;
  return error.cause instanceof Error && !isAxiosError(error.cause) ? error.cause : undefined;
}

function describe(error: unknown, cause: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return cause instanceof Error && cause.message && cause.message !== message ? `${message}: ${cause.message}` : message;
}
