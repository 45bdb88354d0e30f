// Registering middleware: one that logs each HTTP attempt (placed inside `retry`, so it sees every retry), and one
// that tags every call with a correlation id (outermost), added at construction and at runtime.
import { ManagementClient, type PipelineMiddleware } from "auth0";
import { exampleTenant } from "./support/tenant.js";

const tenant = await exampleTenant();

const logEachAttempt: PipelineMiddleware = async (request, next) => {
  const started = performance.now();
  const response = await next(request);
  console.log(`  ${request.method} ${request.url.pathname} → ${response.status} (attempt ${request.attempt + 1}, ${Math.round(performance.now() - started)} ms)`);
  return response;
};

const management = new ManagementClient({
  domain: tenant.domain,
  clientId: tenant.clientId,
  clientSecret: tenant.clientSecret,
  middleware: [{ name: "log-attempts", after: "retry", middleware: logEachAttempt }],
});

// At runtime, relative to a named link; the returned function removes it again.
let sequence = 0;
const removeCorrelation = management.pipeline.use(
  (request, next) => {
    request.headers["x-correlation-id"] = `example-${++sequence}`;
    return next(request);
  },
  { name: "correlation-id", before: "auth" },
);

console.log("chain:", management.pipeline.names.join(" → "), "→ fetch");
await management.roles.list();
await management.clients.list({ per_page: 5 });
removeCorrelation();
console.log("chain:", management.pipeline.names.join(" → "), "→ fetch");
await tenant.close();
