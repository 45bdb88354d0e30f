import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "auth0";
import { BulkImportError } from "auth0/plugins/bulk";
import { bulkClient, multipartParts, ORIGIN, progressLog, users, type MultipartPart } from "./support.js";

afterEach(() => nock.cleanAll());

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly parts?: MultipartPart[];
}

/** The tenant's job endpoints, recording every request. `polls` are the job's answers in order (the last repeats). */
function jobsApi(polls: (jobId: string) => object[], options: { errors?: unknown; create?: (n: number) => [number, object, Record<string, string>?] } = {}) {
  const seen: Seen[] = [];
  let created = 0;
  const answers = new Map<string, object[]>();
  nock(ORIGIN)
    .persist()
    .post("/api/v2/jobs/users-imports")
    .reply(function (path, body) {
      const n = created++;
      seen.push({ method: "POST", path, authorization: this.req.headers.authorization, parts: multipartParts(String(this.req.headers["content-type"]), String(body)) });
      const [status, reply, headers = {}] = options.create?.(n) ?? [202, { id: `job_${n}`, type: "users_import", status: "pending", connection_id: "con_abc", created_at: "2026-01-01T00:00:00.000Z" }];
      return [status, reply, headers];
    })
    .get(/^\/api\/v2\/jobs\/[^/]+$/)
    .reply(function (path) {
      seen.push({ method: "GET", path, authorization: this.req.headers.authorization });
      const id = path.split("/").pop()!;
      if (!answers.has(id)) answers.set(id, polls(id));
      const queue = answers.get(id)!;
      return [200, { id, type: "users_import", ...(queue.length > 1 ? queue.shift() : queue[0]) }];
    })
    .get(/^\/api\/v2\/jobs\/[^/]+\/errors$/)
    .reply(function (path) {
      seen.push({ method: "GET", path, authorization: this.req.headers.authorization });
      return [200, options.errors ?? []];
    });
  return seen;
}

const completed = (summary: object) => ({ status: "completed", summary });

describe("importUsers on the wire", () => {
  it("uploads the users file as multipart with exactly the documented parts, polls the job, and reads its error report", async () => {
    const people = [{ email: "ann@example.com", name: "Ann" }, { email: "bad-email" }, { email: "cy@example.com", password_hash: "$2b$10$x" }];
    const seen = jobsApi(() => [{ status: "pending" }, { status: "processing", percentage_done: 50, time_left_seconds: 0 }, completed({ inserted: 2, updated: 0, failed: 1, total: 3 })], {
      errors: [{ user: { email: "bad-email" }, errors: [{ code: "INVALID_FORMAT", message: "Invalid email", path: "email" }] }],
    });
    const management = bulkClient();
    const summary = await management.bulk.importUsers(people, { connectionId: "con_abc", upsert: true, externalId: "migration-7" });

    expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /api/v2/jobs/users-imports",
      "GET /api/v2/jobs/job_0",
      "GET /api/v2/jobs/job_0",
      "GET /api/v2/jobs/job_0",
      "GET /api/v2/jobs/job_0/errors",
    ]);
    expect(seen.every((request) => request.authorization === "Bearer mgmt-token")).toBe(true);
    expect(seen[0]?.parts).toEqual([
      { name: "users", filename: "users-00000.json", type: "application/json", text: JSON.stringify(people) },
      { name: "connection_id", text: "con_abc" },
      { name: "upsert", text: "true" },
      { name: "external_id", text: "migration-7" },
      { name: "send_completion_email", text: "false" },
    ]);
    expect(summary).toEqual({
      total: 3,
      submitted: 3,
      inserted: 2,
      updated: 0,
      failed: [{ user: { email: "bad-email" }, errors: [{ code: "INVALID_FORMAT", message: "Invalid email", path: "email" }], index: 1, chunk: 0, jobId: "job_0" }],
      jobIds: ["job_0"],
      chunks: [{ index: 0, users: 3, status: "completed", jobId: "job_0" }],
      aborted: false,
    });
  });

  it("sends upsert false and no external_id by default, and skips the error report when no user failed", async () => {
    const seen = jobsApi(() => [completed({ inserted: 1, updated: 0, failed: 0, total: 1 })]);
    await bulkClient().bulk.importUsers([{ email: "a@example.com" }], { connectionId: "con_abc", sendCompletionEmail: true });
    expect(seen[0]?.parts?.slice(1)).toEqual([
      { name: "connection_id", text: "con_abc" },
      { name: "upsert", text: "false" },
      { name: "send_completion_email", text: "true" },
    ]);
    expect(seen.map((request) => request.path)).not.toContain("/api/v2/jobs/job_0/errors");
  });

  it("splits users into files of at most maxFileBytes serialised bytes, one job each, in order", async () => {
    const seen = jobsApi(() => [completed({ inserted: 1, updated: 0, failed: 0 })]);
    const people = users(10).map((user) => ({ ...user, name: `Zoë ${user.name} 🙂` }));
    const summary = await bulkClient().bulk.importUsers(people, { connectionId: "con_abc", maxFileBytes: 200, concurrency: 1 });
    const files = seen.filter((request) => request.method === "POST").map((request) => request.parts![0]!);
    for (const file of files) expect(new TextEncoder().encode(file.text).byteLength).toBeLessThanOrEqual(200);
    expect(files.flatMap((file) => JSON.parse(file.text) as unknown[])).toEqual(people);
    expect(files.map((file) => file.filename)).toEqual(files.map((_, i) => `users-${String(i).padStart(5, "0")}.json`));
    expect(summary.chunks.map((chunk) => chunk.index)).toEqual(files.map((_, i) => i));
  });

  it.each([1, 2, 3])("never has more than concurrency %i jobs running at once", async (concurrency) => {
    let running = 0;
    let most = 0;
    const polls = new Map<string, number>();
    jobsApi(
      (id) => {
        polls.set(id, 0);
        return [{ status: "processing" }, { status: "processing" }, completed({ inserted: 1, updated: 0, failed: 0 })];
      },
      {
        create: (n) => {
          running += 1;
          most = Math.max(most, running);
          return [202, { id: `job_${n}`, status: "pending" }];
        },
      },
    );
    const management = bulkClient();
    management.lifecycle.hook("bulk:progress", ({ progress }) => {
      if (progress.phase === "waiting" && progress.percentDone === 100) running -= 1;
    });
    const summary = await management.bulk.importUsers(users(8), { connectionId: "con_abc", maxFileBytes: 64, concurrency });
    expect(summary.chunks).toHaveLength(8);
    expect(most).toBe(concurrency);
  });

  it("waits out the tenant's 429 (all job slots taken) and then uploads", async () => {
    const limit = { statusCode: 429, error: "Too Many Requests", message: "There are 2 active import users jobs, please wait until some of them are finished and try again" };
    // The chain retries a 429 twice itself (retry-after 0 here), then the run waits for a slot and tries again.
    const seen = jobsApi(() => [completed({ inserted: 1, updated: 0, failed: 0 })], {
      create: (n) => (n < 4 ? [429, limit, { "retry-after": "0" }] : [202, { id: "job_4", status: "pending" }]),
    });
    // The throttle would also hold the client back a second after each 429: that is its business, not this test's.
    const summary = await bulkClient({ throttle: false }).bulk.importUsers(users(1), { connectionId: "con_abc" });
    expect(seen.filter((request) => request.method === "POST")).toHaveLength(5);
    expect(summary).toMatchObject({ inserted: 1, jobIds: ["job_4"], chunks: [{ status: "completed" }] });
    expect(seen.filter((request) => request.method === "GET").map((request) => request.path)).toEqual(["/api/v2/jobs/job_4"]);
  });

  it("stops with a BulkImportError carrying the summary when the tenant refuses an upload (400)", async () => {
    jobsApi(() => [completed({ inserted: 1 })], {
      create: () => [400, { statusCode: 400, error: "Bad Request", message: "The connection con_abc does not exist", errorCode: "inexistent_connection" }],
    });
    const error = await bulkClient().bulk.importUsers(users(5), { connectionId: "con_abc", maxFileBytes: 64, concurrency: 1 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BulkImportError);
    expect((error as BulkImportError).message).toContain("The connection con_abc does not exist");
    expect((error as BulkImportError).summary.chunks).toEqual([{ index: 0, users: 1, status: "not-submitted", error: "HTTP 400" }]);
  });

  it("reports a file whose upload failed after it may have reached Auth0 (500) as unknown, and goes on", async () => {
    jobsApi(() => [completed({ inserted: 1, updated: 0, failed: 0 })], {
      create: (n) => (n === 0 ? [500, { statusCode: 500, error: "Internal Server Error", message: "oops" }] : [202, { id: `job_${n}`, status: "pending" }]),
    });
    const summary = await bulkClient().bulk.importUsers(users(2), { connectionId: "con_abc", maxFileBytes: 64, concurrency: 1 });
    expect(summary.chunks).toEqual([
      { index: 0, users: 1, status: "unknown", error: "HTTP 500" },
      { index: 1, users: 1, status: "completed", jobId: "job_1" },
    ]);
    expect(summary.failed).toEqual([
      { user: { email: "user0@example.com" }, errors: [{ code: "IMPORT_UNCONFIRMED", message: expect.stringContaining("re-run with the same checkpoint") }], index: 0, chunk: 0 },
    ]);
    expect(summary.inserted).toBe(1);
  });

  it("fails every user of a job Auth0 failed as a whole, with its status_details", async () => {
    jobsApi(() => [{ status: "failed", status_details: "Failed to parse users file" }]);
    const summary = await bulkClient().bulk.importUsers(users(2), { connectionId: "con_abc" });
    expect(summary.chunks).toEqual([{ index: 0, users: 2, status: "failed", jobId: "job_0", error: "Failed to parse users file" }]);
    expect(summary.failed.map((failure) => [failure.user.email, failure.errors[0]?.code, failure.errors[0]?.message])).toEqual([
      ["user0@example.com", "JOB_FAILED", "Failed to parse users file"],
      ["user1@example.com", "JOB_FAILED", "Failed to parse users file"],
    ]);
  });

  it("reports progress: a file cut, uploaded, its job polled, done and total users, with the job id", async () => {
    jobsApi(() => [{ status: "processing", percentage_done: 40 }, completed({ inserted: 2, updated: 0, failed: 0 })]);
    const { events, onProgress } = progressLog();
    await bulkClient().bulk.importUsers(users(2), { connectionId: "con_abc", onProgress });
    expect(events.map(({ phase, done, total, jobId, percentDone }) => ({ phase, done, total, jobId, percentDone }))).toEqual([
      { phase: "chunking", done: 0, total: 2, jobId: undefined, percentDone: undefined },
      { phase: "uploading", done: 0, total: 2, jobId: "job_0", percentDone: undefined },
      { phase: "waiting", done: 0, total: 2, jobId: "job_0", percentDone: 40 },
      { phase: "waiting", done: 0, total: 2, jobId: "job_0", percentDone: undefined },
      { phase: "waiting", done: 2, total: 2, jobId: "job_0", percentDone: 100 },
    ]);
    expect(events.every((event) => event.operation === "import")).toBe(true);
  });

  it("refuses bad input with InvalidInputError before any request", async () => {
    const management = bulkClient();
    const attempts: Array<() => Promise<unknown>> = [
      () => management.bulk.importUsers(users(1), {} as never),
      () => management.bulk.importUsers(users(1), { connectionId: "" }),
      () => management.bulk.importUsers(users(1), { connectionId: "con_abc", concurrency: 0 }),
      () => management.bulk.importUsers(users(1), { connectionId: "con_abc", maxFileBytes: 10 }),
      () => management.bulk.importUsers(users(1), { connectionId: "con_abc", upsert: "yes" as never }),
      () => management.bulk.importUsers(users(1), { connectionId: "con_abc", checkpoint: { get: () => undefined } as never }),
      () => management.bulk.importUsers("./users.json" as never, { connectionId: "con_abc" }),
      () => management.bulk.importUsers(42 as never, { connectionId: "con_abc" }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(InvalidInputError);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
