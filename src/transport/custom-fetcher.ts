import { NetworkError, RequestAbortedError, RequestTimeoutError } from "../core/errors.js";
import type { PipelineRequest, PipelineResponse } from "../core/http.js";
import type { Fetcher } from "../core/pipeline.js";
import type { CustomFetcher, CustomFetcherArgs } from "./custom-fetcher-types.js";

/**
 * Put a v5-style `fetcher` at the bottom of the chain. It receives v5's `Fetcher.Args` (URL and query apart, the body
 * unserialised, `maxRetries: 0` because the `retry` link retries) and its `{ ok, … }` result becomes a response,
 * so auth, retry, timeout, logging and raw-response capture all still apply.
 */
export function customFetcher(fetcher: CustomFetcher): Fetcher {
  return async (request) => {
    let result;
    try {
      result = await fetcher(toArgs(request));
    } catch (error) {
      throw fromThrown(error, request);
    }
    if (result.ok) return toResponse(request, result.rawResponse, result.body, false);
    const { error } = result;
    switch (error.reason) {
      case "status-code":
        return toResponse(request, result.rawResponse, error.body, typeof error.body === "string", error.statusCode);
      case "non-json":
        return toResponse(request, result.rawResponse, error.rawBody, true, error.statusCode);
      case "timeout":
        throw new RequestTimeoutError(request.timeoutMs);
      default:
        if (request.signal?.aborted) throw fromThrown(undefined, request);
        throw new NetworkError(error.errorMessage, undefined);
    }
  };
}

function toArgs(request: PipelineRequest): CustomFetcherArgs {
  const queryParameters: Record<string, unknown> = {};
  for (const key of new Set(request.url.searchParams.keys())) {
    const values = request.url.searchParams.getAll(key);
    queryParameters[key] = values.length === 1 ? values[0] : values;
  }
  const contentType = request.headers["content-type"];
  const isJson = contentType !== undefined && contentType.includes("json") && typeof request.body === "string";
  const url = `${request.url.origin}${request.url.pathname}`;
  return {
    url,
    method: request.method,
    ...(contentType !== undefined ? { contentType } : {}),
    headers: { ...request.headers },
    queryParameters,
    body: isJson ? JSON.parse(request.body as string) : request.body,
    timeoutMs: request.timeoutMs,
    maxRetries: 0,
    withCredentials: false,
    ...(request.signal ? { abortSignal: request.signal } : {}),
    requestType: isJson ? "json" : request.body === undefined ? "json" : "file",
    responseType: request.responseBody === "stream" ? "sse" : request.responseBody === "text" ? "text" : "json",
  };
}

function toResponse(
  request: PipelineRequest,
  raw: { headers?: Headers; status?: number; statusText?: string; url?: string; redirected?: boolean; type?: ResponseType } | undefined,
  body: unknown,
  bodyIsText: boolean,
  status?: number,
): PipelineResponse {
  return {
    status: status ?? raw?.status ?? 200,
    statusText: raw?.statusText ?? "",
    headers: raw?.headers instanceof Headers ? raw.headers : new Headers(),
    url: raw?.url ?? request.url.href,
    redirected: raw?.redirected ?? false,
    type: raw?.type ?? "default",
    body,
    ...(bodyIsText ? { bodyIsText } : {}),
  };
}

function fromThrown(error: unknown, request: PipelineRequest): Error {
  const signal = request.signal;
  if (signal?.aborted) return signal.reason instanceof RequestTimeoutError ? signal.reason : new RequestAbortedError(signal.reason);
  return error instanceof Error ? new NetworkError(error.message, (error as { code?: string }).code, error) : new NetworkError(String(error), undefined);
}
