import { SpanStatusCode, type Attributes } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";

/** A tracer that keeps finished spans in memory (nothing registered globally). */
export function memoryTracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, provider, tracer: provider.getTracer("test") };
}

/** A span as plain data: what an exporter would ship. */
export function plain(span: ReadableSpan): {
  name: string;
  kind: number;
  attributes: Attributes;
  status: { code: SpanStatusCode; message?: string };
  events: Array<{ name: string; attributes: Attributes | undefined }>;
} {
  return {
    name: span.name,
    kind: span.kind,
    attributes: span.attributes,
    status: span.status,
    events: span.events.map((event) => ({ name: event.name, attributes: event.attributes })),
  };
}
