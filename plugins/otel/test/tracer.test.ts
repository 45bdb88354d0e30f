import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import { context, propagation, ROOT_CONTEXT, trace, type Context, type ContextManager, type TextMapPropagator } from "@opentelemetry/api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ManagementClient } from "auth0";
import { openTelemetry } from "auth0/plugins/otel";
import { startLoopbackServer } from "../../../test/helpers/loopback-server.js";
import { INSTRUMENTATION_VERSION } from "../version.js";
import { memoryTracing } from "./support.js";

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer();
  server.handle((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end("{}"));
});
afterAll(() => server.close());
afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
  server.requests.length = 0;
});

/** Writes `traceparent` the W3C way, so the test needs no SDK propagator. */
const w3c: TextMapPropagator = {
  inject(context, carrier, setter) {
    const span = trace.getSpanContext(context);
    if (span) setter.set(carrier, "traceparent", `00-${span.traceId}-${span.spanId}-0${span.traceFlags}`);
  },
  extract: (context) => context,
  fields: () => ["traceparent"],
};

/** The smallest AsyncLocalStorage context manager, so the test needs no SDK package for it. */
function asyncContextManager(): ContextManager {
  const storage = new AsyncLocalStorage<Context>();
  const manager: ContextManager = {
    active: () => storage.getStore() ?? ROOT_CONTEXT,
    with: (ctx, fn, thisArg, ...args) => storage.run(ctx, () => fn.call(thisArg, ...args)),
    bind: (_ctx, target) => target,
    enable: () => manager,
    disable: () => manager,
  };
  return manager;
}

describe("the tracer", () => {
  it("defaults to the global provider's tracer named auth0, with the package's version", async () => {
    const tracing = memoryTracing();
    trace.setGlobalTracerProvider(tracing.provider);
    await new ManagementClient({ domain: server.domain, token: "t", plugins: [openTelemetry()] }).users.get("a");
    const [span] = tracing.exporter.getFinishedSpans();
    expect(span!.instrumentationScope).toMatchObject({ name: "auth0", version: INSTRUMENTATION_VERSION });
    expect(INSTRUMENTATION_VERSION).toBe(JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")).version);
  });

  it("comes from `tracerProvider` when given", async () => {
    const tracing = memoryTracing();
    await new ManagementClient({ domain: server.domain, token: "t", plugins: [openTelemetry({ tracerProvider: tracing.provider })] }).users.get("a");
    expect(tracing.exporter.getFinishedSpans().map((span) => span.name)).toEqual(["GET /users/{id}"]);
  });
});

describe("span parents", () => {
  it("makes each attempt a child of the span active where the call was made (with a context manager registered)", async () => {
    context.setGlobalContextManager(asyncContextManager());
    const tracing = memoryTracing();
    const client = new ManagementClient({ domain: server.domain, token: "t", plugins: [openTelemetry({ tracer: tracing.tracer })] });
    const parentId = await tracing.tracer.startActiveSpan("job", async (job) => {
      await client.users.get("a");
      job.end();
      return job.spanContext().spanId;
    });
    const attempt = tracing.exporter.getFinishedSpans().find((span) => span.name === "GET /users/{id}")!;
    expect(attempt.parentSpanContext?.spanId).toBe(parentId);
  });
});

describe("trace context propagation", () => {
  it("is off by default: Auth0 ignores traceparent, so it is not sent", async () => {
    propagation.setGlobalPropagator(w3c);
    const tracing = memoryTracing();
    await new ManagementClient({ domain: server.domain, token: "t", plugins: [openTelemetry({ tracer: tracing.tracer })] }).users.get("a");
    expect(server.requests[0]!.headers.traceparent).toBeUndefined();
  });

  it("when on, sends each attempt's own span as traceparent", async () => {
    propagation.setGlobalPropagator(w3c);
    const tracing = memoryTracing();
    const client = new ManagementClient({ domain: server.domain, token: "t", plugins: [openTelemetry({ tracer: tracing.tracer, propagateTraceContext: true })] });
    await client.users.get("a");
    const span = tracing.exporter.getFinishedSpans()[0]!.spanContext();
    expect(server.requests[0]!.headers.traceparent).toBe(`00-${span.traceId}-${span.spanId}-01`);
  });
});
