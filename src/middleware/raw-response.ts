import { emit, type ClientHookable } from "../core/hooks.js";
import { toRawResponse, type RawResponse } from "../core/http.js";
import type { PipelineMiddleware } from "../core/pipeline.js";

/** Where the `rawResponse` link keeps what it saw, in `request.context`. */
export const RAW_RESPONSES = "auth0.rawResponses";

/** The raw responses of every attempt of a call, oldest first. */
export function rawResponsesOf(context: Record<string, unknown>): RawResponse[] {
  return (context[RAW_RESPONSES] as RawResponse[] | undefined) ?? [];
}

/**
 * Records each attempt's status and headers (rate-limit headers included) for `withRawResponse()` and for plugins
 * such as the throttle, and tells `request:response` observers.
 */
export function rawResponse(hooks?: ClientHookable, onHookError: (error: unknown) => void = () => undefined): PipelineMiddleware {
  return async (request, next) => {
    const started = performance.now();
    const response = await next(request);
    const seen = (request.context[RAW_RESPONSES] as RawResponse[] | undefined) ?? (request.context[RAW_RESPONSES] = []);
    seen.push(toRawResponse(response));
    if (hooks) await emit(hooks, "request:response", { request, response, durationMs: performance.now() - started }, onHookError);
    return response;
  };
}
