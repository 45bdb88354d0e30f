// OpenTelemetry: one CLIENT span per HTTP attempt (the token request too), retries as span events, no secrets.
// Spans are printed here by an in-memory exporter; in production, register your SDK and call openTelemetry().
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ManagementClient } from "auth0";
import { openTelemetry } from "auth0/plugins/otel";
import { exampleTenant } from "./support/tenant.js";

const tenant = await exampleTenant();
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

const management = new ManagementClient({
  domain: tenant.domain,
  clientId: tenant.clientId,
  clientSecret: tenant.clientSecret,
  plugins: [openTelemetry({ tracerProvider: provider })],
});

await management.roles.list({ per_page: 5 });
await management.roles.get("rol_does_not_exist").catch(() => undefined);

for (const span of exporter.getFinishedSpans()) {
  const { attributes } = span;
  const retries = span.events.filter((event) => event.name === "auth0.retry").length;
  console.log(`${span.name} → ${attributes["http.response.status_code"] ?? attributes["error.type"]} ${attributes["url.full"]}${retries ? ` (${retries} retry)` : ""}`);
}
await provider.shutdown();
await tenant.close();
