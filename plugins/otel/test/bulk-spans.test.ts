import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManagementClient } from "auth0";
import { bulk } from "auth0/plugins/bulk";
import { openTelemetry } from "auth0/plugins/otel";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { memoryTracing, plain } from "./support.js";

let tenant: MockTenant;
beforeAll(async () => {
  tenant = await startMockTenant({ jobs: { pendingMs: 1, processingMs: 1 } });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset({ clearSeed: true }));

function traced() {
  const tracing = memoryTracing();
  const Management = ManagementClient.with(bulk({ pollIntervalMs: 2, maxPollIntervalMs: 20 }));
  const client = new Management({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, plugins: [openTelemetry({ tracer: tracing.tracer })] });
  return { client, spans: () => tracing.exporter.getFinishedSpans().map(plain) };
}

const people = Array.from({ length: 12 }, (_, i) => ({ email: `traced${i}@example.com`, name: `Traced ${i}` }));

describe("bulk runs as spans", () => {
  it("trace an import as one INTERNAL span with its jobs as events and its counts, and no user in it", async () => {
    const { client, spans } = traced();
    const connectionId = (await client.connections.list({ name: "Username-Password-Authentication" })).data[0]!.id!;
    const summary = await client.bulk.importUsers([...people, { email: "broken" }], { connectionId, maxFileBytes: 300 });

    const runs = spans().filter((span) => span.name === "auth0.bulk.import");
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.kind).toBe(SpanKind.INTERNAL);
    expect(run.attributes).toMatchObject({
      "auth0.bulk.run_id": expect.any(String),
      "auth0.bulk.connection_id": connectionId,
      "auth0.bulk.users": 12,
      "auth0.bulk.inserted": 12,
      "auth0.bulk.updated": 0,
      "auth0.bulk.failed": 1,
      "auth0.bulk.jobs": summary.jobIds.length,
      "auth0.bulk.aborted": false,
    });
    expect(run.status.code).toBe(SpanStatusCode.UNSET);
    const created = run.events.filter((event) => event.name === "auth0.bulk.job_created").map((event) => event.attributes?.["auth0.bulk.job_id"]);
    expect(new Set(created)).toEqual(new Set(summary.jobIds));
    expect(run.events.filter((event) => event.name === "auth0.bulk.job_finished")).toHaveLength(summary.jobIds.length);
    expect(run.events.map((event) => event.name)).toContain("auth0.bulk.chunking");
    // The HTTP attempts are spans of their own, as always.
    expect(spans().filter((span) => span.name === "POST /jobs/users-imports")).toHaveLength(summary.jobIds.length);
    expect(JSON.stringify(spans())).not.toContain("@example.com");
  });

  it("trace an export, and mark a failed run as an error", async () => {
    tenant.seed({ users: [{ email: "exported@example.com", password: "Passw0rd!long" }] });
    const { client, spans } = traced();
    for await (const _user of client.bulk.exportUsers()) void _user;
    tenant.jobs.failNext({ type: "users_export", statusDetails: "Export failed" });
    await (async () => {
      for await (const _user of client.bulk.exportUsers()) void _user;
    })().catch(() => undefined);

    const [ok, failed] = spans().filter((span) => span.name === "auth0.bulk.export");
    expect(ok?.attributes).toMatchObject({ "auth0.bulk.users": 1, "auth0.bulk.jobs": 1 });
    expect(ok?.events.map((event) => event.name)).toEqual(expect.arrayContaining(["auth0.bulk.waiting", "auth0.bulk.downloading"]));
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    expect(failed?.attributes).toMatchObject({ "error.type": "BulkJobError" });
    // The download's own span names no URL secret: the signed link's query values are redacted.
    const download = spans().find((span) => span.name === "GET (export download)");
    expect(String(download?.attributes["url.full"])).toMatch(/Signature=REDACTED/);
  });
});
