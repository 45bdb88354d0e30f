import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BulkDownloadError, BulkJobError } from "auth0/plugins/bulk";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { databaseConnectionId, tenantClient } from "./support.js";

let tenant: MockTenant;
beforeAll(async () => {
  tenant = await startMockTenant({ jobs: { pendingMs: 1, processingMs: 1 } });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.reset({ clearSeed: true }));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const downloads = () => tenant.requests.filter((request) => request.path.startsWith("/exports/"));

describe("exportUsers against the mock tenant", () => {
  it("yields the connection's users from a gzipped NDJSON file on another origin, which never sees the token", async () => {
    tenant.seed({ users: [{ email: "a@example.com", password: "Passw0rd!long", user_metadata: { plan: "pro" } }, { email: "b@example.com", password: "Passw0rd!long" }] });
    const management = tenantClient(tenant);
    const exported = await collect(management.bulk.exportUsers({ connectionId: await databaseConnectionId(management), fields: ["email", "user_metadata", { name: "user_id", exportAs: "id" }] }));
    expect(exported).toEqual([
      { email: "a@example.com", user_metadata: { plan: "pro" }, id: expect.stringMatching(/^auth0\|/) },
      { email: "b@example.com", id: expect.stringMatching(/^auth0\|/) },
    ]);
    expect(downloads()).toHaveLength(1);
    expect(downloads()[0]?.headers.host).not.toBe(new URL(tenant.domain).host);
    expect(downloads()[0]?.headers.authorization).toBeUndefined();
    // Every request to the tenant itself did carry it.
    expect(tenant.requests.filter((request) => request.path.startsWith("/api/v2/")).every((request) => request.headers.authorization?.startsWith("Bearer "))).toBe(true);
  });

  it("yields CSV rows under the export_as names, up to the limit", async () => {
    tenant.seed({ users: Array.from({ length: 5 }, (_, i) => ({ email: `c${i}@example.com`, password: "Passw0rd!long", name: `C, ${i}` })) });
    const rows = await collect(tenantClient(tenant).bulk.exportUsers({ format: "csv", limit: 3, fields: [{ name: "email", exportAs: "Email" }, "name"] }));
    expect(rows).toEqual([0, 1, 2].map((i) => ({ Email: `c${i}@example.com`, name: `C, ${i}` })));
  });

  it("survives a download cut short: starts again from a fresh link and yields each user once", async () => {
    tenant.jobs.setExportSource(function* () {
      for (let i = 0; i < 20_000; i++) yield { user_id: `auth0|${i}`, email: `gen${i}@example.com` };
    });
    tenant.faults.inject({ match: { path: "/exports/" }, fault: { kind: "truncate" } });
    const exported = await collect(tenantClient(tenant).bulk.exportUsers({ fields: ["email"] }));
    expect(exported).toHaveLength(20_000);
    expect(new Set(exported.map((user) => user["email"])).size).toBe(20_000);
    expect(downloads().map((request) => request.fault ?? "ok")).toEqual(["truncate", "ok"]);
    expect(downloads()[0]?.query["Signature"]).not.toBeUndefined();
  });

  it("gives up with BulkDownloadError (403) when every link it gets has expired", async () => {
    const expiring = await startMockTenant({ jobs: { pendingMs: 1, processingMs: 1, downloadLinkSeconds: -1 } });
    try {
      expiring.seed({ users: [{ email: "x@example.com", password: "Passw0rd!long" }] });
      const error = await collect(tenantClient(expiring).bulk.exportUsers()).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(BulkDownloadError);
      expect(error).toMatchObject({ statusCode: 403 });
      // The first link, then one fresh link per retry (the client's maxRetries: 2).
      expect(expiring.requests.filter((request) => request.path.startsWith("/exports/"))).toHaveLength(3);
    } finally {
      await expiring.close();
    }
  });

  it("throws BulkJobError when the tenant fails the export job", async () => {
    tenant.jobs.failNext({ type: "users_export", statusDetails: "Export failed" });
    const error = await collect(tenantClient(tenant).bulk.exportUsers()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BulkJobError);
    expect(error).toMatchObject({ status: "failed", details: "Export failed" });
  });

  it("stops when the signal fires during the download", async () => {
    tenant.jobs.setExportSource(function* () {
      for (let i = 0; i < 50_000; i++) yield { email: `s${i}@example.com` };
    });
    const controller = new AbortController();
    let seen = 0;
    const error = await (async () => {
      for await (const _user of tenantClient(tenant).bulk.exportUsers({ signal: controller.signal })) {
        if (++seen === 10) controller.abort();
      }
    })().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(seen).toBe(10);
  });
});
