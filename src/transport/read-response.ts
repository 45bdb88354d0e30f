import { MissingRuntimeFeatureError, NetworkError, RequestAbortedError, RequestTimeoutError } from "../core/errors.js";
import type { PipelineRequest, PipelineResponse } from "../core/http.js";

/** Read a fetch `Response` into the chain's response: parse, keep text, or hand the stream over. */
export async function readResponse(response: Response, request: PipelineRequest): Promise<PipelineResponse> {
  const head = {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    url: response.url,
    redirected: response.redirected,
    type: response.type,
  };
  if (request.responseBody === "stream") {
    // React Native's fetch (whatwg-fetch over XMLHttpRequest) has no streaming bodies: say so rather than fail later.
    if (response.body === undefined) {
      throw new MissingRuntimeFeatureError(
        `Streaming the response of ${request.method} ${request.operation.path}`,
        ["ReadableStream response bodies (Response.body)"],
        "React Native's built-in fetch cannot stream: install a fetch that can (e.g. expo/fetch) as the global fetch.",
      );
    }
    return { ...head, body: response.body };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw transportError(error, request);
  }
  if (request.responseBody === "text") return { ...head, body: text, bodyIsText: true };
  return { ...head, ...parseBody(text, response.headers.get("content-type")) };
}

const JSON_TYPE = /^(application\/(.+\+)?json|text\/json)\b/i;

/** JSON when it parses (and the content type does not say otherwise); else the text, flagged. Empty: undefined. */
export function parseBody(text: string, contentType: string | null): { body: unknown; bodyIsText?: boolean } {
  if (text === "") return { body: undefined };
  if (contentType !== null && contentType !== "" && !JSON_TYPE.test(contentType) && !contentType.startsWith("application/octet-stream")) {
    if (!/^\s*[[{]/.test(text)) return { body: text, bodyIsText: true };
  }
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: text, bodyIsText: true };
  }
}

/** Map whatever fetch threw to the core's errors: the attempt's timeout, the caller's abort, or a network failure. */
export function transportError(error: unknown, request: PipelineRequest): Error {
  if (error instanceof RequestTimeoutError || error instanceof RequestAbortedError || error instanceof NetworkError) return error;
  const signal = request.signal;
  if (signal?.aborted) {
    return signal.reason instanceof RequestTimeoutError ? signal.reason : new RequestAbortedError(signal.reason);
  }
  const code = errorCode(error);
  const message = error instanceof Error ? describe(error) : String(error);
  return new NetworkError(message, code, error);
}

/** undici nests the system error: `TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })`. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describe(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message && cause.message !== error.message ? `${error.message}: ${cause.message}` : error.message;
}
