import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "auth0";
import { fileCheckpoint, usersFile } from "auth0/plugins/bulk/node";
import { startMockTenant } from "auth0/testing";
import { databaseConnectionId, tenantClient, users } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "auth0-bulk-node-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("fileCheckpoint", () => {
  it("keeps what was set for the next process: one JSON line per set, the last one for a key wins", async () => {
    const path = join(dir, "a.jsonl");
    const first = fileCheckpoint(path);
    expect(await first.get("run")).toBeUndefined();
    await first.set("run", "1");
    await first.set("chunk:0", '{"state":"submitting"}');
    await first.set("chunk:0", '{"state":"submitted","jobId":"job_1"}');
    expect(await first.get("chunk:0")).toBe('{"state":"submitted","jobId":"job_1"}');
    expect(readFileSync(path, "utf8").trimEnd().split("\n")).toHaveLength(3);

    const next = fileCheckpoint(path);
    expect(await next.get("run")).toBe("1");
    expect(await next.get("chunk:0")).toBe('{"state":"submitted","jobId":"job_1"}');
  });

  it("ignores a last line torn by a kill mid-write", async () => {
    const path = join(dir, "b.jsonl");
    writeFileSync(path, `${JSON.stringify({ key: "run", value: "1" })}\n`);
    appendFileSync(path, '{"key":"chunk:0","value":"{\\"sta');
    const store = fileCheckpoint(path);
    expect(await store.get("run")).toBe("1");
    expect(await store.get("chunk:0")).toBeUndefined();
  });

  it("needs a path", () => {
    expect(() => fileCheckpoint("")).toThrow(InvalidInputError);
    expect(() => usersFile(undefined as never)).toThrow(InvalidInputError);
  });
});

describe("usersFile", () => {
  it("imports a JSON array file and an NDJSON file from disk", async () => {
    const tenant = await startMockTenant({ jobs: { pendingMs: 1, processingMs: 1 } });
    try {
      const management = tenantClient(tenant);
      const connectionId = await databaseConnectionId(management);
      const arrayFile = join(dir, "users.json");
      const ndjsonFile = join(dir, "users.ndjson");
      writeFileSync(arrayFile, JSON.stringify(users(300), null, 2));
      writeFileSync(ndjsonFile, users(300, 300).map((user) => JSON.stringify(user)).join("\n"));
      const fromArray = await management.bulk.importUsers(usersFile(arrayFile), { connectionId, maxFileBytes: 5000 });
      const fromLines = await management.bulk.importUsers(usersFile(ndjsonFile), { connectionId, maxFileBytes: 5000 });
      expect([fromArray.total, fromArray.inserted, fromLines.total, fromLines.inserted]).toEqual([300, 300, 300, 300]);
      expect(tenant.allUsers()).toHaveLength(600);
    } finally {
      await tenant.close();
    }
  });
});
