import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManagementClient } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { openTelemetry } from "auth0/plugins/otel";
import { startLoopbackServer } from "../../../test/helpers/loopback-server.js";
import { memoryTracing, plain } from "./support.js";

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
let tenant: MockTenant;
beforeAll(async () => {
  server = await startLoopbackServer();
  tenant = await startMockTenant();
});
afterAll(async () => {
  await server.close();
  await tenant.close();
});
beforeEach(() => tenant.reset());

function traced(options: ConstructorParameters<typeof ManagementClient>[0]) {
  const tracing = memoryTracing();
  const client = new ManagementClient({ ...options, plugins: [openTelemetry({ tracer: tracing.tracer })] });
  return { client, spans: () => tracing.exporter.getFinishedSpans().map(plain) };
}

describe("spans of the Management client", () => {
  it("sit inside retry and the throttle, above timeout: one per HTTP attempt", () => {
    const { client } = traced({ domain: server.domain, token: "t" });
    expect(client.pipeline.names).toEqual(["auth", "customDomain", "otelCall", "retry", "throttle", "otel", "timeout", "logging", "rawResponse"]);
  });

  it("gives a 503-then-200 call two CLIENT spans: the first with 503 and a retry event, the second with resend count 1", async () => {
    let n = 0;
    server.handle((_req, res) => {
      if (++n === 1) return void res.writeHead(503, { "content-type": "application/json", "retry-after": "0.01" }).end('{"message":"busy"}');
      res.writeHead(200, { "content-type": "application/json" }).end('{"user_id":"auth0|1"}');
    });
    const { client, spans } = traced({ domain: server.domain, token: "t" });
    await client.users.get("auth0|1", { fields: "user_id" });
    const port = Number(new URL(server.domain).port);
    const url = `${server.domain}/api/v2/users/auth0%7C1?fields=REDACTED`;
    const common = {
      "http.request.method": "GET",
      "url.full": url,
      "url.template": "/api/v2/users/{id}",
      "server.address": "127.0.0.1",
      "server.port": port,
    };
    expect(spans()).toEqual([
      {
        name: "GET /users/{id}",
        kind: SpanKind.CLIENT,
        attributes: { ...common, "http.response.status_code": 503, "error.type": "503" },
        status: { code: SpanStatusCode.ERROR },
        events: [{ name: "auth0.retry", attributes: { "http.request.resend_count": 1, "auth0.retry.reason": "status", "auth0.retry.delay_ms": 10, "http.response.status_code": 503 } }],
      },
      {
        name: "GET /users/{id}",
        kind: SpanKind.CLIENT,
        attributes: { ...common, "http.request.resend_count": 1, "http.response.status_code": 200 },
        status: { code: SpanStatusCode.UNSET },
        events: [],
      },
    ]);
  });

  it("times each attempt, not the wait before the retry", async () => {
    let n = 0;
    server.handle((_req, res) => {
      if (++n === 1) return void res.writeHead(503, { "retry-after": "0.3" }).end();
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const tracing = memoryTracing();
    const client = new ManagementClient({ domain: server.domain, token: "t", plugins: [openTelemetry({ tracer: tracing.tracer })] });
    await client.users.get("a");
    const [first, second] = tracing.exporter.getFinishedSpans();
    const ms = (time: [number, number]) => time[0] * 1000 + time[1] / 1e6;
    expect(ms(first!.endTime) - ms(first!.startTime)).toBeLessThan(200);
    expect(ms(second!.startTime) - ms(first!.endTime)).toBeGreaterThanOrEqual(250);
  });

  it("marks a 404 as an error with its status as error.type", async () => {
    server.handle((_req, res) => void res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not Found"}'));
    const { client, spans } = traced({ domain: server.domain, token: "t" });
    await client.roles.get("missing").catch(() => undefined);
    expect(spans()).toEqual([
      expect.objectContaining({
        name: "GET /roles/{id}",
        attributes: expect.objectContaining({ "http.response.status_code": 404, "error.type": "404" }),
        status: { code: SpanStatusCode.ERROR },
      }),
    ]);
  });

  it("marks a network failure with the error's class, and records a retried reset as an event with its code", async () => {
    const refused = traced({ domain: "http://127.0.0.1:1", token: "t", maxRetries: 0 });
    await refused.client.users.get("a").catch(() => undefined);
    expect(refused.spans()).toEqual([
      expect.objectContaining({ attributes: expect.objectContaining({ "error.type": "NetworkError" }), status: { code: SpanStatusCode.ERROR, message: "NetworkError" } }),
    ]);
    expect(refused.spans()[0]!.attributes).not.toHaveProperty("http.response.status_code");

    const token = await tenant.managementToken();
    const reset = traced({ domain: tenant.domain, token });
    tenant.faults.inject({ match: { method: "GET", path: "/api/v2/roles" }, fault: { kind: "reset", when: "before-body" } });
    await reset.client.roles.list();
    const [failed, succeeded] = reset.spans();
    expect(failed!.attributes["error.type"]).toBe("NetworkError");
    expect(failed!.events).toEqual([
      { name: "auth0.retry", attributes: expect.objectContaining({ "http.request.resend_count": 1, "auth0.retry.reason": "network", "error.type": "ECONNRESET" }) },
    ]);
    expect(succeeded!.attributes).toMatchObject({ "http.request.resend_count": 1, "http.response.status_code": 200 });
  });

  it("marks a timed-out attempt and a caller's abort with their classes", async () => {
    server.handle((_req, res) => void setTimeout(() => res.writeHead(200).end("{}"), 300));
    const { client, spans } = traced({ domain: server.domain, token: "t", maxRetries: 0 });
    await client.users.get("a", {}, { timeoutInSeconds: 0.05 }).catch(() => undefined);
    await client.users.get("b", {}, { abortSignal: AbortSignal.timeout(50) }).catch(() => undefined);
    expect(spans().map((span) => span.attributes["error.type"])).toEqual(["RequestTimeoutError", "AbortError"]);
  });

  it("traces the client-credentials token request as its own span", async () => {
    const { client, spans } = traced({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
    await client.roles.list();
    expect(spans().map((span) => [span.name, span.attributes["url.template"], span.attributes["http.response.status_code"]])).toEqual([
      ["POST /oauth/token", "/oauth/token", 200],
      ["GET /roles", "/api/v2/roles", 200],
    ]);
  });
});
