import { gzipSync } from "node:zlib";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "auth0";
import { BulkDownloadError, BulkJobError } from "auth0/plugins/bulk";
import { bulkClient, ORIGIN, progressLog } from "./support.js";

afterEach(() => nock.cleanAll());

const DOWNLOAD = "https://user-exports.example.net";
const link = (signature: string) => `${DOWNLOAD}/job_9/tenant.json.gz?Expires=1700000000&Key-Pair-Id=APK&Signature=${signature}`;
const people = Array.from({ length: 2500 }, (_, i) => ({ email: `user${i}@example.com`, user_metadata: { n: i, note: "line\nbreak, \"quoted\"" } }));
const ndjson = (users: readonly object[]) => Buffer.from(users.map((user) => `${JSON.stringify(user)}\n`).join(""));

/** The export job endpoints: create, then `polls` answers for GET /jobs/job_9 (the last repeats). */
function exportJob(polls: object[]) {
  const seen: Array<{ method: string; path: string; body?: unknown; authorization?: string }> = [];
  nock(ORIGIN)
    .post("/api/v2/jobs/users-exports")
    .reply(function (path, body) {
      seen.push({ method: "POST", path, body, authorization: this.req.headers.authorization });
      return [201, { id: "job_9", type: "users_export", status: "pending" }];
    })
    .get("/api/v2/jobs/job_9")
    .times(Infinity)
    .reply(function (path) {
      seen.push({ method: "GET", path, authorization: this.req.headers.authorization });
      return [200, { id: "job_9", type: "users_export", ...(polls.length > 1 ? polls.shift() : polls[0]) }];
    });
  return seen;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("exportUsers on the wire", () => {
  it("creates the job with the options, polls it, and downloads from its location without the token or the client's headers", async () => {
    const seen = exportJob([{ status: "pending" }, { status: "processing", percentage_done: 30, time_left_seconds: 0 }, { status: "completed", location: link("abc") }]);
    const downloads: Array<{ path: string; headers: Record<string, unknown> }> = [];
    nock(DOWNLOAD)
      .get("/job_9/tenant.json.gz")
      .query({ Expires: "1700000000", "Key-Pair-Id": "APK", Signature: "abc" })
      .reply(function (path) {
        downloads.push({ path, headers: { ...this.req.headers } });
        return [200, gzipSync(ndjson(people)), { "content-type": "application/gzip" }];
      });
    const management = bulkClient({ headers: { "x-tenant-secret": "for the tenant only" } });
    const exported = await collect(management.bulk.exportUsers({ connectionId: "con_1", limit: 5000, fields: ["email", { name: "user_metadata", exportAs: "meta" }] }));

    expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual(["POST /api/v2/jobs/users-exports", "GET /api/v2/jobs/job_9", "GET /api/v2/jobs/job_9", "GET /api/v2/jobs/job_9"]);
    expect(seen[0]?.body).toEqual({ format: "json", connection_id: "con_1", limit: 5000, fields: [{ name: "email" }, { name: "user_metadata", export_as: "meta" }] });
    expect(seen.every((request) => request.authorization === "Bearer mgmt-token")).toBe(true);
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.headers).not.toHaveProperty("authorization");
    expect(downloads[0]?.headers).not.toHaveProperty("x-tenant-secret");
    expect(downloads[0]?.headers).not.toHaveProperty("auth0-client");
    expect(exported).toEqual(people);
  });

  it("reads CSV into rows keyed by the header, quoted commas, quotes and line breaks included", async () => {
    exportJob([{ status: "completed", location: link("csv") }]);
    const csv = 'email,name,"app_metadata.note"\r\na@x.io,"Ann, ""A""",plain\r\nb@x.io,"two\nlines",\r\n';
    nock(DOWNLOAD).get("/job_9/tenant.json.gz").query(true).reply(200, gzipSync(Buffer.from(csv)));
    const rows = await collect(bulkClient().bulk.exportUsers({ format: "csv" }));
    expect(rows).toEqual([
      { email: "a@x.io", name: 'Ann, "A"', "app_metadata.note": "plain" },
      { email: "b@x.io", name: "two\nlines", "app_metadata.note": "" },
    ]);
  });

  it("takes a file a proxy already decompressed (no gzip magic) as it is", async () => {
    exportJob([{ status: "completed", location: link("plain") }]);
    nock(DOWNLOAD).get("/job_9/tenant.json.gz").query(true).reply(200, ndjson(people.slice(0, 3)));
    expect(await collect(bulkClient().bulk.exportUsers())).toEqual(people.slice(0, 3));
  });

  it("starts a broken download again from a fresh link and yields no user twice", async () => {
    const seen = exportJob([{ status: "completed", location: link("first") }, { status: "completed", location: link("second") }]);
    const full = gzipSync(ndjson(people));
    nock(DOWNLOAD).get("/job_9/tenant.json.gz").query((query) => query["Signature"] === "first").reply(200, full.subarray(0, Math.floor(full.length / 2)));
    nock(DOWNLOAD).get("/job_9/tenant.json.gz").query((query) => query["Signature"] === "second").reply(200, full);
    const exported = await collect(bulkClient().bulk.exportUsers());
    expect(exported).toEqual(people);
    expect(seen.filter((request) => request.method === "GET")).toHaveLength(2);
  });

  it("asks the job for a fresh link when the download answers 403 (links expire after 60 s)", async () => {
    exportJob([{ status: "completed", location: link("expired") }, { status: "completed", location: link("fresh") }]);
    nock(DOWNLOAD).get("/job_9/tenant.json.gz").query((query) => query["Signature"] === "expired").reply(403, "<Error><Code>AccessDenied</Code></Error>");
    nock(DOWNLOAD).get("/job_9/tenant.json.gz").query((query) => query["Signature"] === "fresh").reply(200, gzipSync(ndjson(people.slice(0, 2))));
    expect(await collect(bulkClient().bulk.exportUsers())).toEqual(people.slice(0, 2));
  });

  it("gives up after the client's maxRetries with a BulkDownloadError that does not quote the signed link", async () => {
    exportJob([{ status: "completed", location: link("secret-signature") }]);
    nock(DOWNLOAD).get("/job_9/tenant.json.gz").query(true).times(2).reply(403, "denied");
    const error = await collect(bulkClient({ maxRetries: 1 }).bulk.exportUsers()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BulkDownloadError);
    expect(error).toMatchObject({ statusCode: 403 });
    expect(String((error as Error).message)).not.toContain("secret-signature");
  });

  it("throws BulkJobError when Auth0 fails the export job", async () => {
    exportJob([{ status: "failed", status_details: "Export failed" }]);
    const error = await collect(bulkClient().bulk.exportUsers()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BulkJobError);
    expect(error).toMatchObject({ jobId: "job_9", status: "failed", details: "Export failed" });
  });

  it("reports progress: waiting with the job's percentage and time left, then downloading every 1000 users", async () => {
    exportJob([{ status: "processing", percentage_done: 60, time_left_seconds: 4 }, { status: "completed", location: link("p") }]);
    nock(DOWNLOAD).get("/job_9/tenant.json.gz").query(true).reply(200, gzipSync(ndjson(people)));
    const { events, onProgress } = progressLog();
    await collect(bulkClient().bulk.exportUsers({ onProgress }));
    expect(events.map(({ phase, done }) => `${phase} ${done}`)).toEqual(["waiting 0", "waiting 0", "downloading 1000", "downloading 2000", "downloading 2500"]);
    expect(events[0]).toMatchObject({ operation: "export", jobId: "job_9", percentDone: 60, etaMs: 4000 });
    // How far the bytes are depends on how the body was cut into chunks; the share only grows, and ends complete.
    const shares = events.slice(2).map((event) => event.percentDone ?? -1);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ percentDone: 100, etaMs: 0 });
  });

  it("creates nothing until iterated, and stops the download when the consumer breaks off", async () => {
    const management = bulkClient();
    const iterable = management.bulk.exportUsers();
    expect(nock.pendingMocks()).toEqual([]);
    exportJob([{ status: "completed", location: link("b") }]);
    nock(DOWNLOAD).get("/job_9/tenant.json.gz").query(true).reply(200, gzipSync(ndjson(people)));
    const first: unknown[] = [];
    for await (const user of iterable) {
      first.push(user);
      if (first.length === 3) break;
    }
    expect(first).toEqual(people.slice(0, 3));
  });

  it("refuses bad options with InvalidInputError at once, before any request", () => {
    const management = bulkClient();
    expect(() => management.bulk.exportUsers({ format: "xml" as never })).toThrow(InvalidInputError);
    expect(() => management.bulk.exportUsers({ limit: 0 })).toThrow(InvalidInputError);
    expect(() => management.bulk.exportUsers({ fields: Array.from({ length: 31 }, (_, i) => `f${i}`) })).toThrow(/at most 30 fields/);
    expect(() => management.bulk.exportUsers({ fields: [{ name: "" }] })).toThrow(InvalidInputError);
    expect(() => management.bulk.exportUsers({ connectionId: 7 as never })).toThrow(InvalidInputError);
  });
});
