import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Tracer } from "@opentelemetry/api";
import type { PipelineMiddleware, PipelineRequest } from "auth0";
import { errorAttributes, requestAttributes, responseAttributes, spanName } from "./attributes.js";
import type { OpenSpans } from "./open-spans.js";

export interface AttemptSpanOptions {
  /** The client's base path (`/api/v2`), so `url.template` is the whole path's template. */
  readonly basePath: string;
  readonly propagate: boolean;
}

/**
 * One CLIENT span per HTTP attempt, made the active span while the attempt runs (so spans of an instrumented
 * transport nest under it). The span is left open when the attempt finishes; see `OpenSpans`.
 */
export function attemptSpans(tracer: Tracer, open: OpenSpans, options: AttemptSpanOptions): PipelineMiddleware {
  return async (request, next) => {
    const span = tracer.startSpan(spanName(request), { kind: SpanKind.CLIENT, attributes: requestAttributes(request, options.basePath) }, context.active());
    const active = trace.setSpan(context.active(), span);
    try {
      const response = await context.with(active, () => next(options.propagate ? withTraceContext(request, active) : request));
      span.setAttributes(responseAttributes(response.status));
      if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
      return response;
    } catch (error) {
      const attributes = errorAttributes(error);
      span.setAttributes(attributes);
      span.setStatus({ code: SpanStatusCode.ERROR, message: attributes["error.type"] });
      throw error;
    } finally {
      open.hold(request.context, span);
    }
  };
}

/** Outside `retry`: when the call is over, nothing will be added to its last attempt's span, so end it. */
export function closeCallSpans(open: OpenSpans): PipelineMiddleware {
  return async (request, next) => {
    try {
      return await next(request);
    } finally {
      open.end(request.context);
    }
  };
}

/** A copy of the request with `traceparent` (and whatever else the global propagator writes) in its headers. */
function withTraceContext(request: PipelineRequest, active: Context): PipelineRequest {
  const headers = { ...request.headers };
  propagation.inject(active, headers);
  return { ...request, headers };
}
