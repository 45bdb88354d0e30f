import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "auth0";
import { memoryCheckpoint, type BulkProgress, type BulkRun, type BulkRunResult } from "auth0/plugins/bulk";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { databaseConnectionId, finishJobsOnUpload, progressLog, tenantClient, users } from "./support.js";

// Two tenants: one whose jobs run on short timers (outcomes only are asserted), one whose jobs move only when a test
// moves them (for what must happen in a given order).
let timed: MockTenant;
let manual: MockTenant;
beforeAll(async () => {
  [timed, manual] = await Promise.all([startMockTenant({ jobs: { pendingMs: 1, processingMs: 1 } }), startMockTenant({ jobs: { autoRun: false } })]);
});
afterAll(async () => {
  await Promise.all([timed.close(), manual.close()]);
});
beforeEach(() => {
  timed.reset({ clearSeed: true });
  manual.reset({ clearSeed: true });
});

const emailsIn = (tenant: MockTenant) => tenant.allUsers().map((user) => String(user["email"]));
const imports = (tenant: MockTenant) => tenant.requests.filter((request) => request.method === "POST" && request.path === "/api/v2/jobs/users-imports");

describe("importUsers against the mock tenant", () => {
  it("imports every user, and reports the ones the jobs refused with their reasons and positions", async () => {
    timed.seed({ users: [{ email: "user7@example.com", password: "Passw0rd!long" }] });
    const management = tenantClient(timed);
    const connectionId = await databaseConnectionId(management);
    const people: Array<Record<string, unknown>> = users(40);
    people[12] = { email: "not-an-email" };
    const summary = await management.bulk.importUsers(people, { connectionId, maxFileBytes: 400 });

    expect(summary.total).toBe(40);
    expect(summary.submitted).toBe(40);
    expect(summary.inserted).toBe(38);
    expect(summary.chunks.length).toBeGreaterThan(3);
    expect(summary.chunks.every((chunk) => chunk.status === "completed" && chunk.jobId !== undefined)).toBe(true);
    expect(summary.jobIds).toEqual(timed.jobs.list().map((job) => job.id));
    expect(summary.failed.map((failure) => [failure.index, failure.user.email, failure.errors[0]?.code])).toEqual([
      [7, "user7@example.com", "DUPLICATED_USER"],
      [12, "not-an-email", "OBJECT_REQUIRED"],
    ]);
    expect(new Set(emailsIn(timed)).size).toBe(39);
  });

  it("updates existing users with upsert", async () => {
    timed.seed({ users: [{ email: "user1@example.com", password: "Passw0rd!long", name: "Old" }] });
    const management = tenantClient(timed);
    const summary = await management.bulk.importUsers(users(3), { connectionId: await databaseConnectionId(management), upsert: true });
    expect(summary).toMatchObject({ inserted: 2, updated: 1, failed: [] });
    expect(timed.findUser("user1@example.com")).toMatchObject({ name: "User 1" });
  });

  it("reads a users file from a Blob, a web ReadableStream of NDJSON and a Node stream", async () => {
    const management = tenantClient(timed);
    const connectionId = await databaseConnectionId(management);
    const ndjson = (from: number) => users(5, from).map((user) => JSON.stringify(user)).join("\n");
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(ndjson(10));
        for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.subarray(at, at + 7));
        controller.close();
      },
    });
    const results = [
      await management.bulk.importUsers(new Blob([JSON.stringify(users(5, 0))]), { connectionId }),
      await management.bulk.importUsers(web, { connectionId }),
      await management.bulk.importUsers(Readable.from([Buffer.from(ndjson(20))]), { connectionId }),
      await management.bulk.importUsers(Readable.from(users(5, 30), { objectMode: true }), { connectionId }),
    ];
    expect(results.map((summary) => summary.inserted)).toEqual([5, 5, 5, 5]);
    expect(emailsIn(timed).sort()).toEqual([...users(5, 0), ...users(5, 10), ...users(5, 20), ...users(5, 30)].map((user) => user.email).sort());
  });

  it("keeps to the tenant's 2 active imports: a third job waits for a slot (Auth0's 429), then runs", async () => {
    const management = tenantClient(manual);
    const connectionId = await databaseConnectionId(management);
    const uploads: string[] = [];
    const run = management.bulk.importUsers(users(3), {
      connectionId,
      maxFileBytes: 64,
      concurrency: 3,
      onProgress: (progress) => {
        if (progress.phase !== "uploading" || progress.jobId === undefined) return;
        // The third job is finished as soon as it exists; the first two once the tenant refused the third.
        if (uploads.push(progress.jobId) === 3) finishJobsOnUpload(manual)(progress);
      },
    });
    const refused = () => manual.requests.filter((request) => request.path === "/api/v2/jobs/users-imports" && request.status === 429);
    await expect.poll(() => refused().length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(uploads).toHaveLength(2);
    for (const jobId of uploads) {
      await manual.jobs.advance(jobId);
      await manual.jobs.advance(jobId);
    }
    const summary = await run;
    expect(summary).toMatchObject({ inserted: 3, failed: [] });
    expect(summary.chunks.map((chunk) => chunk.status)).toEqual(["completed", "completed", "completed"]);
    expect(manual.jobs.list()).toHaveLength(3);
  }, 30_000);

  it("on abort stops uploading, reports the running jobs; resuming with the checkpoint follows them instead of re-sending", async () => {
    const management = tenantClient(manual);
    const connectionId = await databaseConnectionId(management);
    const people = users(3);
    const checkpoint = memoryCheckpoint();
    const controller = new AbortController();
    const uploaded = new Set<number>();
    const first = await management.bulk.importUsers(people, {
      connectionId,
      maxFileBytes: 64,
      checkpoint,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === "uploading") uploaded.add(progress.chunk ?? -1);
        if (uploaded.size === 2) controller.abort();
      },
    });
    const jobs = manual.jobs.list();
    expect(jobs.map((job) => job.status)).toEqual(["pending", "pending"]);
    expect(first.aborted).toBe(true);
    expect(first.chunks).toEqual([
      { index: 0, users: 1, status: "running", jobId: jobs[0]?.id },
      { index: 1, users: 1, status: "running", jobId: jobs[1]?.id },
    ]);
    expect(first.inserted).toBe(0);

    // The jobs ran on while nobody watched.
    for (const job of jobs) {
      await manual.jobs.advance(job.id);
      await manual.jobs.advance(job.id);
    }
    const resumed = await management.bulk.importUsers(people, { connectionId, maxFileBytes: 64, checkpoint, onProgress: finishJobsOnUpload(manual) });
    expect(resumed.aborted).toBe(false);
    expect(resumed.chunks.map((chunk) => [chunk.index, chunk.status, chunk.resubmitted ?? false])).toEqual([
      [0, "completed", false],
      [1, "completed", false],
      [2, "completed", false],
    ]);
    expect(resumed.jobIds.slice(0, 2)).toEqual(jobs.map((job) => job.id));
    expect(resumed.inserted).toBe(3);
    expect(imports(manual)).toHaveLength(3);
    expect(emailsIn(manual).sort()).toEqual(people.map((user) => user.email).sort());
  });

  it("skips the files a checkpoint saw finish: a second run sends nothing and reports the same outcome", async () => {
    const management = tenantClient(timed);
    const connectionId = await databaseConnectionId(management);
    const checkpoint = memoryCheckpoint();
    const people: Array<Record<string, unknown>> = users(10);
    people[3] = { email: "broken" };
    const first = await management.bulk.importUsers(people, { connectionId, maxFileBytes: 200, checkpoint });
    timed.clearRequests();
    const again = await management.bulk.importUsers(people, { connectionId, maxFileBytes: 200, checkpoint });
    expect(imports(timed)).toHaveLength(0);
    expect(again.chunks.every((chunk) => chunk.fromCheckpoint === true)).toBe(true);
    expect({ ...again, chunks: undefined }).toEqual({ ...first, chunks: undefined });
  });

  it("refuses a checkpoint written for another import, before any request", async () => {
    const management = tenantClient(timed);
    const connectionId = await databaseConnectionId(management);
    const checkpoint = memoryCheckpoint();
    await management.bulk.importUsers(users(4), { connectionId, maxFileBytes: 100, checkpoint });
    timed.clearRequests();
    await expect(management.bulk.importUsers(users(4), { connectionId, maxFileBytes: 100, upsert: true, checkpoint })).rejects.toThrow(/another import \(its upsert/);
    await expect(management.bulk.importUsers(users(4, 100), { connectionId, maxFileBytes: 100, checkpoint })).rejects.toBeInstanceOf(InvalidInputError);
    expect(imports(timed)).toHaveLength(0);
  });

  it("sends a file again, flagged, when a run stopped not knowing whether its job was created; each user ends up once", async () => {
    const management = tenantClient(timed);
    const connectionId = await databaseConnectionId(management);
    const checkpoint = memoryCheckpoint();
    const people = users(6);
    // The tenant creates the first job, but the answer never arrives (the connection resets).
    timed.faults.inject({ match: { method: "POST", path: "/api/v2/jobs/users-imports" }, fault: { kind: "reset", when: "after-body" } });
    const first = await management.bulk.importUsers(people, { connectionId, maxFileBytes: 150, checkpoint, concurrency: 1 });
    expect(first.chunks[0]).toMatchObject({ status: "unknown" });
    expect(first.failed.filter((failure) => failure.errors[0]?.code === "IMPORT_UNCONFIRMED")).toHaveLength(first.chunks[0]!.users);

    await expect.poll(() => timed.jobs.list().every((job) => job.status === "completed")).toBe(true);
    const resumed = await management.bulk.importUsers(people, { connectionId, maxFileBytes: 150, checkpoint, concurrency: 1 });
    expect(resumed.chunks[0]).toMatchObject({ status: "completed", resubmitted: true });
    expect(resumed.chunks.slice(1).every((chunk) => chunk.fromCheckpoint)).toBe(true);
    // The lost job had imported them: Auth0 refuses them the second time, and says so.
    expect(resumed.failed.map((failure) => failure.errors[0]?.code)).toEqual(Array(first.chunks[0]!.users).fill("DUPLICATED_USER"));
    expect(emailsIn(timed).sort()).toEqual(people.map((user) => user.email).sort());
  });

  it("fails each user of a job the tenant failed as a whole", async () => {
    const management = tenantClient(timed);
    timed.jobs.failNext({ type: "users_import", statusDetails: "Failed to process users file" });
    const summary = await management.bulk.importUsers(users(2), { connectionId: await databaseConnectionId(management) });
    expect(summary.chunks).toEqual([{ index: 0, users: 2, status: "failed", jobId: summary.jobIds[0], error: "Failed to process users file" }]);
    expect(summary.failed.map((failure) => failure.errors[0]?.code)).toEqual(["JOB_FAILED", "JOB_FAILED"]);
    expect(emailsIn(timed)).toEqual([]);
  });

  it("reports progress up to done = total, and tells the client's bulk:* hooks, an observer's error failing nothing", async () => {
    const management = tenantClient(timed);
    const seen: Array<{ hook: string; run: BulkRun; progress?: BulkProgress; result?: BulkRunResult }> = [];
    management.lifecycle.hook("bulk:start", ({ run }) => void seen.push({ hook: "start", run }));
    management.lifecycle.hook("bulk:progress", ({ run, progress }) => void seen.push({ hook: "progress", run, progress }));
    management.lifecycle.hook("bulk:end", ({ run, result }) => void seen.push({ hook: "end", run, ...(result ? { result } : {}) }));
    management.lifecycle.hook("bulk:progress", () => {
      throw new Error("a broken observer");
    });
    const { events, onProgress } = progressLog();
    const summary = await management.bulk.importUsers(users(20), { connectionId: await databaseConnectionId(management), maxFileBytes: 300, onProgress });

    expect(summary.inserted).toBe(20);
    expect(events.at(-1)).toMatchObject({ operation: "import", done: 20, total: 20, read: 20 });
    const dones = events.map((event) => event.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(events.some((event) => event.etaMs !== undefined)).toBe(true);
    expect(new Set(events.filter((event) => event.phase === "uploading").map((event) => event.jobId))).toEqual(new Set(summary.jobIds));

    expect(seen[0]).toMatchObject({ hook: "start", run: { operation: "import", connectionId: expect.any(String) } });
    expect(seen.at(-1)).toEqual({ hook: "end", run: seen[0]?.run, result: { users: 20, inserted: 20, updated: 0, failed: 0, jobIds: summary.jobIds, aborted: false } });
    expect(seen.filter((entry) => entry.hook === "progress").map((entry) => entry.progress)).toEqual(events);
    expect(new Set(seen.map((entry) => entry.run.id)).size).toBe(1);
  });
});
