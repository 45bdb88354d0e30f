import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { MockTenant } from "../../src/testing/index.js";
import { jsonBody, managementFetcher, readArray, readJson, tenantForTest, useSharedTenant, type Json } from "./support.js";

// Jobs driven by hand (`autoRun: false` + `tenant.jobs.advance()`): no timer decides what a test sees.
const tenant = useSharedTenant({ jobs: { autoRun: false } });

type Call = ReturnType<typeof managementFetcher>;

async function setup(t: MockTenant = tenant()): Promise<{ call: Call; connectionId: string }> {
  const call = managementFetcher(t, await t.managementToken());
  const body = await readJson(await call("/connections?name=Username-Password-Authentication&take=1"));
  const [first] = body["connections"] as Json[];
  return { call, connectionId: String(first?.["id"]) };
}

function importForm(file: string, fields: Record<string, string>): FormData {
  const data = new FormData();
  data.append("users", new Blob([file], { type: "application/json" }), "users.json");
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const startImport = (call: Call, users: unknown[], fields: Record<string, string>) =>
  call("/jobs/users-imports", { method: "POST", body: importForm(JSON.stringify(users), fields) });

async function finish(t: MockTenant, jobId: string): Promise<void> {
  await t.jobs.advance(jobId); // pending → processing
  await t.jobs.advance(jobId); // processing → completed
}

describe("import jobs", () => {
  it("allow two active imports (Auth0's limit) and answer a third with Auth0's 429 until one finishes", async () => {
    const t = tenant();
    const { call, connectionId } = await setup();
    const first = await readJson(await startImport(call, [{ email: "a1@example.com" }], { connection_id: connectionId }));
    await startImport(call, [{ email: "a2@example.com" }], { connection_id: connectionId });

    const refused = await startImport(call, [{ email: "a3@example.com" }], { connection_id: connectionId });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      statusCode: 429,
      error: "Too Many Requests",
      message: "There are 2 active import users jobs, please wait until some of them are finished and try again",
    });
    expect(t.jobs.list().map((job) => job.status)).toEqual(["pending", "pending"]);

    await finish(t, String(first["id"]));
    expect((await startImport(call, [{ email: "a3@example.com" }], { connection_id: connectionId })).status).toBe(202);
  });

  it("takes a file of exactly 500 KB (512,000 bytes) and refuses one byte more with 413", async () => {
    const { call, connectionId } = await setup();
    const fileOf = (bytes: number) => {
      const empty = JSON.stringify([{ email: "big@example.com", name: "" }]);
      return JSON.stringify([{ email: "big@example.com", name: "x".repeat(bytes - empty.length) }]);
    };
    expect(Buffer.byteLength(fileOf(512_000))).toBe(512_000);
    const ok = await call("/jobs/users-imports", { method: "POST", body: importForm(fileOf(512_000), { connection_id: connectionId }) });
    expect(ok.status).toBe(202);
    const tooBig = await call("/jobs/users-imports", { method: "POST", body: importForm(fileOf(512_001), { connection_id: connectionId }) });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toEqual({
      statusCode: 413,
      error: "Payload Too Large",
      message: "Payload content length greater than maximum allowed: 512000",
    });
  });

  it("refuses a file that is not a JSON array before creating a job", async () => {
    const t = tenant();
    const { call, connectionId } = await setup();
    for (const file of ['{"email":"a@example.com"}', "[{", ""]) {
      const response = await call("/jobs/users-imports", { method: "POST", body: importForm(file, { connection_id: connectionId }) });
      expect(response.status).toBe(400);
    }
    expect(t.jobs.list()).toEqual([]);
  });

  it("matches existing users by email, username or user id; duplicates fail without upsert and update with it", async () => {
    const t = tenant();
    const { call, connectionId } = await setup();
    const seedJob = await readJson(
      await startImport(call, [{ email: "one@example.com", user_id: "u-1", username: "one" }], { connection_id: connectionId }),
    );
    await finish(t, String(seedJob["id"]));
    expect(t.findUser("one@example.com")).toMatchObject({ user_id: "auth0|u-1", username: "one" });

    const again = [
      { email: "other1@example.com", user_id: "u-1" },
      { email: "other2@example.com", username: "one" },
      { email: "ONE@example.com", custom_password_hash: { algorithm: "bcrypt", hash: { value: "$2b$10$secret" } } },
      { email: "new@example.com" },
    ];
    const strict = await readJson(await startImport(call, again, { connection_id: connectionId }));
    await finish(t, String(strict["id"]));
    const job = await readJson(await call(`/jobs/${String(strict["id"])}`));
    expect(job).toMatchObject({ status: "completed", summary: { total: 4, inserted: 1, updated: 0, failed: 3 } });
    const errors = await readArray(await call(`/jobs/${String(strict["id"])}/errors`));
    expect(errors.map((entry) => (entry["errors"] as Json[])[0]?.["code"])).toEqual(["DUPLICATED_USER", "DUPLICATED_USER", "DUPLICATED_USER"]);
    // The report masks password hashes, as Auth0's does.
    expect(errors[2]?.["user"]).toEqual({ email: "ONE@example.com", custom_password_hash: { algorithm: "bcrypt", hash: { value: "*****" } } });

    const upsert = await readJson(await startImport(call, [{ email: "one@example.com", name: "Updated" }], { connection_id: connectionId, upsert: "true" }));
    await finish(t, String(upsert["id"]));
    expect(await readJson(await call(`/jobs/${String(upsert["id"])}`))).toMatchObject({ summary: { inserted: 0, updated: 1, failed: 0 } });
    expect(t.findUser("one@example.com")).toMatchObject({ name: "Updated" });
    expect(t.allUsers().filter((user) => user["email"] === "one@example.com")).toHaveLength(1);
  });

  it("reports progress while processing, and ends failed with status_details when a failure is injected", async () => {
    const t = tenant();
    const { call, connectionId } = await setup();
    t.jobs.failNext({ type: "users_import", statusDetails: "Failed to parse users file" });
    const created = await readJson(await startImport(call, [{ email: "f@example.com" }], { connection_id: connectionId }));
    const id = String(created["id"]);
    await t.jobs.advance(id);
    expect(await readJson(await call(`/jobs/${id}`))).toMatchObject({ status: "processing", percentage_done: expect.any(Number), time_left_seconds: 0 });
    await t.jobs.advance(id);
    const failed = await readJson(await call(`/jobs/${id}`));
    expect(failed).toMatchObject({ status: "failed", status_details: "Failed to parse users file", summary: { failed: 1, inserted: 0 } });
    expect(await readJson(await call(`/jobs/${id}/errors`))).toMatchObject({ id, status: "failed", status_details: "Failed to parse users file" });
    expect(t.findUser("f@example.com")).toBeUndefined();
  });

  it("takes processingMs plus the users at importUsersPerSecond, and says how long is left", async () => {
    const t = await tenantForTest({ jobs: { pendingMs: 0, processingMs: 0, importUsersPerSecond: 1 } });
    const { call, connectionId } = await setup(t);
    const users = Array.from({ length: 120 }, (_, i) => ({ email: `slow${i}@example.com` }));
    const created = await readJson(await startImport(call, users, { connection_id: connectionId }));
    let job: Json = created;
    while (job["status"] === "pending") job = await readJson(await call(`/jobs/${String(created["id"])}`));
    // 120 users at 1 a second: two minutes, minus what already passed.
    expect(job).toMatchObject({ status: "processing" });
    expect(job["time_left_seconds"]).toBeGreaterThan(60);
    expect(job["time_left_seconds"]).toBeLessThanOrEqual(120);
  });
});

async function exportJob(call: Call, body: Json): Promise<string> {
  const response = await call("/jobs/users-exports", jsonBody("POST", body));
  expect(response.status).toBe(201);
  return String((await readJson(response))["id"]);
}

async function finishedExport(t: MockTenant, call: Call, id: string): Promise<Json> {
  await finish(t, id);
  const job = await readJson(await call(`/jobs/${id}`));
  expect(job["status"]).toBe("completed");
  return job;
}

describe("export jobs", () => {
  it("write the connection's users as gzipped NDJSON behind a signed link on another port", async () => {
    const t = tenant();
    t.seed({ users: [{ email: "e1@example.com", password: "pw", user_metadata: { plan: "pro" } }, { email: "e2@example.com", password: "pw" }] });
    const { call, connectionId } = await setup();
    const id = await exportJob(call, { connection_id: connectionId, format: "json", fields: [{ name: "email" }, { name: "user_metadata" }, { name: "user_id", export_as: "id" }] });
    expect(await readJson(await call(`/jobs/${id}`))).toMatchObject({ id, type: "users_export", status: "pending", format: "json", connection_id: connectionId });

    const job = await finishedExport(t, call, id);
    const location = new URL(String(job["location"]));
    expect(location.origin).not.toBe(t.domain);
    expect(location.pathname).toBe(`/exports/${id}/mock-tenant.json.gz`);
    expect([...location.searchParams.keys()]).toEqual(["Expires", "Key-Pair-Id", "Signature"]);

    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/gzip");
    const lines = gunzipSync(Buffer.from(await download.arrayBuffer())).toString("utf8").trimEnd().split("\n");
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { email: "e1@example.com", user_metadata: { plan: "pro" }, id: expect.stringMatching(/^auth0\|/) },
      { email: "e2@example.com", id: expect.stringMatching(/^auth0\|/) },
    ]);
    const logged = t.requests.filter((request) => request.path.startsWith("/exports/"));
    expect(logged).toHaveLength(1);
    expect(logged[0]?.headers.authorization).toBeUndefined();
  });

  it("refuse a download that carries an Authorization header, a bad signature or an expired link", async () => {
    const t = tenant();
    const { call } = await setup();
    const id = await exportJob(call, { format: "csv" });
    const location = String((await finishedExport(t, call, id))["location"]);

    const withBearer = await fetch(location, { headers: { authorization: "Bearer management-token" } });
    expect(withBearer.status).toBe(400);
    expect(await withBearer.text()).toContain("<Code>InvalidArgument</Code>");
    const tampered = await fetch(location.replace(/Signature=[^&]+/, "Signature=forged"));
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain("<Code>SignatureDoesNotMatch</Code>");

    const expiring = await tenantForTest({ jobs: { autoRun: false, downloadLinkSeconds: -1 } });
    const other = await setup(expiring);
    const expiredId = await exportJob(other.call, { format: "csv" });
    const expired = await fetch(String((await finishedExport(expiring, other.call, expiredId))["location"]));
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("<Code>AccessDenied</Code><Message>Request has expired</Message>");
  });

  it("write CSV with a header row, export_as names, nested fields, quoting and the limit", async () => {
    const t = tenant();
    t.seed({ users: [{ email: "c1@example.com", password: "pw", name: 'Ann "A", Jr', app_metadata: { tier: 2 } }, { email: "c2@example.com", password: "pw" }] });
    const { call } = await setup();
    const id = await exportJob(call, { format: "csv", limit: 1, fields: [{ name: "email", export_as: "Email" }, { name: "name" }, { name: "app_metadata.tier" }, { name: "identities[0].connection", export_as: "provider" }] });
    const location = String((await finishedExport(t, call, id))["location"]);
    expect(location).toContain(".csv.gz?");
    const csv = gunzipSync(Buffer.from(await (await fetch(location)).arrayBuffer())).toString("utf8");
    expect(csv).toBe('Email,name,app_metadata.tier,provider\nc1@example.com,"Ann ""A"", Jr",2,Username-Password-Authentication\n');
  });

  it("read users from an export source, so a test can export more users than the store holds", async () => {
    const t = tenant();
    t.jobs.setExportSource(function* () {
      for (let i = 0; i < 5000; i++) yield { user_id: `auth0|${i}`, email: `gen${i}@example.com` };
    });
    const { call } = await setup();
    const id = await exportJob(call, { format: "json", fields: [{ name: "email" }] });
    const location = String((await finishedExport(t, call, id))["location"]);
    const lines = gunzipSync(Buffer.from(await (await fetch(location)).arrayBuffer())).toString("utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(5000);
    expect(JSON.parse(lines[4999] ?? "")).toEqual({ email: "gen4999@example.com" });
  });

  it("validate the request like Auth0: format, limit, fields", async () => {
    const { call } = await setup();
    for (const body of [{ format: "xml" }, { limit: 0 }, { fields: [{}] }, { fields: Array.from({ length: 31 }, (_, i) => ({ name: `f${i}` })) }, { connection_id: "con_missing" }]) {
      expect((await call("/jobs/users-exports", jsonBody("POST", body))).status).toBe(400);
    }
  });

  it("serve downloads through the fault queue: a truncated body", async () => {
    const t = tenant();
    const { call } = await setup();
    const id = await exportJob(call, { format: "json" });
    const location = String((await finishedExport(t, call, id))["location"]);
    t.faults.inject({ match: { path: "/exports/" }, fault: { kind: "truncate" } });
    await expect(fetch(location).then((response) => response.arrayBuffer())).rejects.toThrow();
    expect(t.requests.at(-1)).toMatchObject({ path: `/exports/${id}/mock-tenant.json.gz`, fault: "truncate" });
  });
});
