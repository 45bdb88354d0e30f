import { MissingRuntimeFeatureError, NetworkError, RequestAbortedError, RequestTimeoutError, ResponseTooLargeError } from "../core/errors.js";
import { DEFAULT_MAX_RESPONSE_BYTES, type PipelineRequest, type PipelineResponse } from "../core/http.js";

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
      throw new MissingRuntimeFeatureError(`Streaming the response of ${request.method} ${request.operation.path}`, ["Response.body"], "Install a fetch that streams (e.g. expo/fetch) as the global fetch.");
    }
    return { ...head, body: response.body };
  }
  const text = await readResponseText(response, request);
  if (request.responseBody === "text") return { ...head, body: text, bodyIsText: true };
  return { ...head, ...parseBody(text, response.headers.get("content-type")) };
}

/**
 * The body as text, within the request's `maxResponseBytes`: refused from `content-length` before reading when the
 * server declares too much, else counted while reading and cut off once past the limit. Read failures come back as
 * the core's transport errors.
 */
export async function readResponseText(response: Response, request: PipelineRequest): Promise<string> {
  const limit = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const declared = response.headers.get("content-length");
  const encoded = (response.headers.get("content-encoding") ?? "identity").toLowerCase() !== "identity";
  if (declared !== null && Number(declared) > limit) {
    void response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(limit, `The response to ${request.method} ${request.operation.path} (content-length ${declared})`);
  }
  try {
    // A declared, uncompressed length within the limit is all fetch will deliver: the native reader is fastest.
    if (declared !== null && !encoded) return await response.text();
    // No stream to count (an empty body; React Native's fetch, which has no Response.body), or nothing to decode it
    // with (Hermes has no TextDecoder): the text's length, a lower bound on its bytes, is checked once it is read.
    if (response.body == null || typeof TextDecoder !== "function") {
      const whole = await response.text();
      if (whole.length > limit) throw new ResponseTooLargeError(limit, `The response to ${request.method} ${request.operation.path}`);
      return whole;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let size = 0;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > limit) {
        void reader.cancel().catch(() => undefined);
        throw new ResponseTooLargeError(limit, `The response to ${request.method} ${request.operation.path}`);
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    if (error instanceof ResponseTooLargeError) throw error;
    throw transportError(error, request);
  }
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

/**
 * Map whatever a transport threw (fetch, or undici's dispatcher underneath a plugin) to the core's errors: the
 * attempt's timeout, the caller's abort, or a `NetworkError` with the system code the `retry` link decides on.
 */
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
