// "auth0/plugins/otel" with the app's own tracer.
import { trace } from "@opentelemetry/api";
import { ManagementClient } from "auth0";
import { openTelemetry } from "auth0/plugins/otel";

export const traced = new ManagementClient({ domain: "tenant.auth0.com", token: "token", plugins: [openTelemetry({ tracer: trace.getTracer("app") })] });
