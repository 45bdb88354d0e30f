import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileCheckpoint } from "auth0/plugins/bulk/node";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { databaseConnectionId, tenantClient } from "./support.js";

const USERS = 400;
const MAX_FILE_BYTES = 1500; // about 30 users a file: 14 files
let tenant: MockTenant;
let dir: string;
beforeAll(async () => {
  tenant = await startMockTenant({ jobs: { pendingMs: 5, processingMs: 20 } });
  dir = mkdtempSync(join(tmpdir(), "auth0-bulk-"));
});
afterAll(async () => {
  await tenant.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the importing child and SIGKILLs it once it reports `killAfter` uploaded files. */
async function importUntilKilled(env: Record<string, string>, killAfter: number): Promise<string[]> {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures/import-child.ts")], {
    cwd: join(import.meta.dirname, "../../.."),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal === null ? _code : -1)));
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    lines.push(line);
    if (lines.filter((entry) => entry.startsWith("uploaded ")).length === killAfter) child.kill("SIGKILL");
  }
  expect(await exited).toBe(-1);
  return lines;
}

describe("an import killed halfway (a real process, SIGKILL) and run again with its checkpoint file", () => {
  it("imports every user exactly once, and never sends a file twice whose job it knew", async () => {
    const management = tenantClient(tenant);
    const connectionId = await databaseConnectionId(management);
    const checkpointPath = join(dir, "checkpoint.jsonl");
    const env = { DOMAIN: tenant.domain, CLIENT_ID: tenant.clientId, CLIENT_SECRET: tenant.clientSecret, CONNECTION_ID: connectionId, CHECKPOINT: checkpointPath, USERS: String(USERS), MAX_FILE_BYTES: String(MAX_FILE_BYTES) };

    const before = await importUntilKilled(env, 5);
    expect(before.some((line) => line.startsWith("summary "))).toBe(false);
    const killedAt = tenant.allUsers().length;
    expect(killedAt).toBeLessThan(USERS);
    // A half-written last line (a kill during a write) must not break the next run.
    writeFileSync(checkpointPath, `${readFileSync(checkpointPath, "utf8")}{"key":"chunk:99","val`);

    const users = Array.from({ length: USERS }, (_, i) => ({ email: `crash${i}@example.com`, name: `Crash ${i}` }));
    const summary = await management.bulk.importUsers(users, { connectionId, maxFileBytes: MAX_FILE_BYTES, checkpoint: fileCheckpoint(checkpointPath) });

    // Every user is in the tenant once.
    const emails = tenant.allUsers().map((user) => String(user["email"]));
    expect(emails).toHaveLength(USERS);
    expect(new Set(emails)).toEqual(new Set(users.map((user) => user.email)));
    // Every file went up once, except one the killed run may have sent without learning its job id — sent again,
    // flagged, and its users refused as duplicates if its first job had run. Whether the first send reached the tenant
    // before the kill is a race, so a flagged file was sent once or twice; an unflagged one exactly once.
    const uploads = tenant.requests.filter((request) => request.path === "/api/v2/jobs/users-imports" && request.method === "POST");
    const sentPerFile = new Map<string, number>();
    for (const upload of uploads) {
      const file = /\[\{.*\}\]/.exec(upload.body)?.[0] ?? "";
      sentPerFile.set(file, (sentPerFile.get(file) ?? 0) + 1);
    }
    const resubmitted = summary.chunks.filter((chunk) => chunk.resubmitted);
    expect([...sentPerFile.values()].every((count) => count <= 2)).toBe(true);
    expect([...sentPerFile.values()].filter((count) => count > 1).length).toBeLessThanOrEqual(resubmitted.length);
    expect(resubmitted.length).toBeLessThanOrEqual(1);
    expect(summary.chunks.every((chunk) => chunk.status === "completed")).toBe(true);
    expect(summary.chunks.some((chunk) => chunk.fromCheckpoint)).toBe(true);
    expect(summary.failed.every((failure) => failure.errors[0]?.code === "DUPLICATED_USER" && resubmitted.some((chunk) => chunk.index === failure.chunk))).toBe(true);
    expect(summary.inserted + summary.failed.length).toBe(USERS);
    expect(summary.total).toBe(USERS);
  }, 60_000);
});
