import { trace, type Tracer, type TracerProvider } from "@opentelemetry/api";
import { definePlugin, type Plugin } from "auth0";
import { traceBulkRuns } from "./bulk-spans.js";
import { attemptSpans, closeCallSpans } from "./middleware.js";
import { OpenSpans } from "./open-spans.js";
import { retryEvent } from "./retry-event.js";
import { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from "./version.js";

/** Options of `openTelemetry()`. */
export interface OpenTelemetryOptions {
  /** The tracer to use. Default: `tracerProvider`'s, else the global one, named "auth0". */
  readonly tracer?: Tracer;
  /** Where to get the tracer from when `tracer` is not given. Default: the global provider (`trace`). */
  readonly tracerProvider?: TracerProvider;
  /**
   * Inject the W3C trace context (`traceparent`) into each request with the global propagator. Default false:
   * Auth0 does not read it (its own logs carry no trace), so it would only tell a third party your trace ids and
   * add a header to every call. Turn it on when a proxy of yours in front of Auth0 joins traces.
   */
  readonly propagateTraceContext?: boolean;
}

/** The link that wraps each HTTP attempt in a span: inside `retry` and the throttle, above `timeout`. */
export const ATTEMPT_LINK = "otel";
/** The link around the whole call (outside `retry`) that ends the span of the call's last attempt. */
export const CALL_LINK = "otelCall";

/**
 * Traces the client's HTTP calls: one CLIENT span per attempt (`GET /users/{id}`), with `http.request.method`,
 * `url.full` (query values redacted), `url.template`, `server.address`, `server.port`, `http.response.status_code`,
 * `http.request.resend_count` and `error.type`, status ERROR on failure, and an `auth0.retry` event on the attempt
 * that the `retry` link decided to repeat. Headers and bodies are never recorded. A bulk import or export
 * (`auth0/plugins/bulk`) is an INTERNAL span of its own, with its jobs as events.
 */
export function openTelemetry(options: OpenTelemetryOptions = {}): Plugin {
  const tracer = options.tracer ?? (options.tracerProvider ?? trace).getTracer(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
  return definePlugin({
    name: "opentelemetry",
    setup({ pipeline, hooks, options: clientOptions }) {
      // One registry per client: an attempt's span stays open until the retry link has decided about it, so a
      // retry event lands on the attempt it repeats.
      const open = new OpenSpans();
      const basePath = new URL(clientOptions.baseUrl).pathname.replace(/\/$/, "");
      pipeline.use(closeCallSpans(open), { name: CALL_LINK, before: "retry" });
      pipeline.use(attemptSpans(tracer, open, { basePath, propagate: options.propagateTraceContext === true }), { name: ATTEMPT_LINK, before: "timeout" });
      hooks.hook("request:retry", (event) => retryEvent(open, event));
      traceBulkRuns(tracer, hooks);
    },
  });
}
