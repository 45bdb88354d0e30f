import { describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import { jsonBody, managementFetcher, readArray, readJson, sleep, tenantForTest, useSharedTenant, type Json } from "./support.js";

const tenant = useSharedTenant({ jobs: { pendingMs: 20, processingMs: 80 } });

async function connectionId(call: ReturnType<typeof managementFetcher>): Promise<string> {
  const body = await readJson(await call("/connections?name=Username-Password-Authentication&take=1"));
  const connections = body["connections"];
  if (!Array.isArray(connections)) throw new Error("no connections");
  const first: unknown = connections[0];
  if (typeof first !== "object" || first === null || !("id" in first)) throw new Error("no connection id");
  return String(first.id);
}

function importForm(users: unknown[], fields: Record<string, string>): FormData {
  const data = new FormData();
  data.append("users", new Blob([JSON.stringify(users)], { type: "application/json" }), "users.json");
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

async function waitForCompletion(call: ReturnType<typeof managementFetcher>, jobId: string): Promise<Json> {
  const seen = new Set<unknown>();
  for (let attempt = 0; attempt < 100; attempt++) {
    const job = await readJson(await call(`/jobs/${jobId}`));
    seen.add(job["status"]);
    if (job["status"] === "completed") return { ...job, seen: [...seen] };
    await sleep(10);
  }
  throw new Error("job did not complete");
}

describe("jobs", () => {
  it("imports users from a multipart upload: pending, then completed, then the users exist", async () => {
    const t = tenant();
    const call = managementFetcher(t, await t.managementToken());
    const conId = await connectionId(call);
    const response = await call("/jobs/users-imports", {
      method: "POST",
      body: importForm(
        [
          { email: "imp1@example.com", email_verified: true, user_metadata: { source: "import" } },
          { email: "imp2@example.com", name: "Imported Two" },
        ],
        { connection_id: conId, upsert: "false", external_id: "batch-1", send_completion_email: "false" },
      ),
    });
    expect(response.status).toBe(202);
    const job = await readJson(response);
    expect(job).toMatchObject({
      id: expect.stringMatching(/^job_/),
      type: "users_import",
      status: "pending",
      connection_id: conId,
      connection: "Username-Password-Authentication",
      external_id: "batch-1",
    });

    const done = await waitForCompletion(call, String(job["id"]));
    expect(done["summary"]).toEqual({ failed: 0, updated: 0, inserted: 2, total: 2 });
    expect(t.findUser("imp1@example.com")).toMatchObject({ email_verified: true, user_metadata: { source: "import" } });
    expect(t.findUser("imp2@example.com")).toMatchObject({ name: "Imported Two" });

    const errors = await readJson(await call(`/jobs/${String(job["id"])}/errors`));
    expect(errors).toMatchObject({ id: job["id"], status: "completed" });
  });

  it("is processing between pending and completed", async () => {
    // Its own tenant, whose jobs stay in processing for a minute: a poll cannot miss that state however slow the
    // machine (a 80 ms window, as above, can be stepped over by one slow poll).
    const t = await tenantForTest({ jobs: { pendingMs: 20, processingMs: 60_000 } });
    const call = managementFetcher(t, await t.managementToken());
    const created = await readJson(
      await call("/jobs/users-imports", { method: "POST", body: importForm([{ email: "slow-job@example.com" }], { connection_id: await connectionId(call) }) }),
    );
    expect(created["status"]).toBe("pending");
    let processing: Record<string, unknown> = {};
    await eventually(async () => {
      processing = await readJson(await call(`/jobs/${String(created["id"])}`));
      expect(processing["status"]).toBe("processing");
    });
    // As Auth0's: the work is done when processing starts, and the summary appears only once the job has finished.
    expect(processing["summary"]).toBeUndefined();
  });

  it("reports duplicates as job errors unless upsert is set", async () => {
    const t = tenant();
    t.seed({ users: [{ email: "dup@example.com", password: "pw", name: "Old" }] });
    const call = managementFetcher(t, await t.managementToken());
    const conId = await connectionId(call);
    const users = [{ email: "dup@example.com", name: "New" }, { email: "not-an-email" }];

    const strict = await readJson(
      await call("/jobs/users-imports", { method: "POST", body: importForm(users, { connection_id: conId }) }),
    );
    const strictDone = await waitForCompletion(call, String(strict["id"]));
    expect(strictDone["summary"]).toEqual({ failed: 2, updated: 0, inserted: 0, total: 2 });
    const errors = await readArray(await call(`/jobs/${String(strict["id"])}/errors`));
    expect(errors).toEqual([
      { user: users[0], errors: [expect.objectContaining({ code: "DUPLICATED_USER" })] },
      { user: users[1], errors: [expect.objectContaining({ code: "OBJECT_REQUIRED", path: "email" })] },
    ]);

    const upsert = await readJson(
      await call("/jobs/users-imports", {
        method: "POST",
        body: importForm(users.slice(0, 1), { connection_id: conId, upsert: "true" }),
      }),
    );
    expect((await waitForCompletion(call, String(upsert["id"])))["summary"]).toEqual({
      failed: 0,
      updated: 1,
      inserted: 0,
      total: 1,
    });
    expect(t.findUser("dup@example.com")).toMatchObject({ name: "New" });
  });

  it("refuses an import that is not multipart or names no connection", async () => {
    const t = tenant();
    const call = managementFetcher(t, await t.managementToken());
    expect((await call("/jobs/users-imports", jsonBody("POST", { users: [] }))).status).toBe(400);
    const noConnection = new FormData();
    noConnection.append("users", new Blob(["[]"]), "users.json");
    expect((await call("/jobs/users-imports", { method: "POST", body: noConnection })).status).toBe(400);
  });

  it("runs a verification-email job that sends to the user", async () => {
    const t = tenant();
    const { users } = t.seed({ users: [{ email: "verify@example.com", password: "pw" }] });
    const call = managementFetcher(t, await t.managementToken());
    const response = await call("/jobs/verification-email", jsonBody("POST", { user_id: users[0]?.["user_id"] }));
    expect(response.status).toBe(201);
    const job = await readJson(response);
    expect(job).toMatchObject({ type: "verification_email", status: "pending" });
    await waitForCompletion(call, String(job["id"]));
    expect(t.sentMessages()).toEqual([
      expect.objectContaining({ kind: "verification-email", to: "verify@example.com" }),
    ]);
  });

  it("creates password-change and email-verification tickets", async () => {
    const t = tenant();
    const { users } = t.seed({ users: [{ email: "ticket@example.com", password: "pw" }] });
    const call = managementFetcher(t, await t.managementToken());
    const change = await call(
      "/tickets/password-change",
      jsonBody("POST", { user_id: users[0]?.["user_id"], result_url: "https://app.example" }),
    );
    expect(change.status).toBe(201);
    expect((await readJson(change))["ticket"]).toMatch(new RegExp(`^${t.issuer}lo/reset\\?ticket=`));
    const verify = await call("/tickets/email-verification", jsonBody("POST", { user_id: users[0]?.["user_id"] }));
    expect(verify.status).toBe(201);
    expect((await call("/tickets/email-verification", jsonBody("POST", { user_id: "auth0|missing" }))).status).toBe(
      404,
    );
  });
});
