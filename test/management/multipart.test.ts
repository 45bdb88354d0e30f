import { Readable } from "node:stream";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { ManagementClient } from "../../src/management/management-client.js";

const ORIGIN = "https://tenant.example.com";
afterEach(() => nock.cleanAll());

const usersJson = JSON.stringify([{ email: "a@example.com", email_verified: true }]);

/** Parse a multipart body into its parts (name, filename, content type, text). */
function parseMultipart(contentType: string, body: string) {
  const boundary = /boundary=(.+)$/.exec(contentType)![1]!;
  return body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head, ...rest] = part.replace(/^\r\n/, "").split("\r\n\r\n");
      return {
        name: /name="([^"]+)"/.exec(head!)![1],
        filename: /filename="([^"]+)"/.exec(head!)?.[1],
        type: /content-type: (.+)/i.exec(head!)?.[1]?.trim(),
        text: rest.join("\r\n\r\n").replace(/\r\n$/, ""),
      };
    });
}

function captureImport() {
  const seen: { contentType: string; body: string }[] = [];
  nock(ORIGIN)
    .post("/api/v2/jobs/users-imports")
    .reply(function (_uri, body) {
      seen.push({ contentType: String(this.req.headers["content-type"]), body: typeof body === "string" ? body : JSON.stringify(body) });
      return [201, { id: "job_1", status: "pending", type: "users_import" }];
    });
  return seen;
}

const client = () => new ManagementClient({ domain: "tenant.example.com", token: "t" });

describe("jobs.usersImports.create (multipart)", () => {
  it.each([
    ["a File (its name is the filename)", () => new File([usersJson], "people.json", { type: "application/json" }), "people.json"],
    ["a Blob", () => new Blob([usersJson], { type: "application/json" }), "users.json"],
    ["a Uint8Array", () => new TextEncoder().encode(usersJson), "users.json"],
    ["a Buffer", () => Buffer.from(usersJson), "users.json"],
    ["a web ReadableStream", () => new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(usersJson)), c.close()) }), "users.json"],
    ["a Node stream", () => Readable.from([Buffer.from(usersJson.slice(0, 10)), Buffer.from(usersJson.slice(10))]), "users.json"],
    ["a named upload", () => ({ data: Buffer.from(usersJson), filename: "export.json" }), "export.json"],
  ])("sends %s as the users file part with the fields", async (_label, users, filename) => {
    const seen = captureImport();
    const job = await client().jobs.usersImports.create({
      users: users() as never,
      connection_id: "con_123",
      upsert: true,
      external_id: "ext-1",
      send_completion_email: false,
    });
    expect(job).toEqual({ id: "job_1", status: "pending", type: "users_import" });
    expect(seen[0]!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const parts = parseMultipart(seen[0]!.contentType, seen[0]!.body);
    expect(parts.map((part) => part.name)).toEqual(["users", "connection_id", "upsert", "external_id", "send_completion_email"]);
    expect(parts[0]).toMatchObject({ filename, text: usersJson });
    expect(parts.slice(1).map((part) => part.text)).toEqual(["con_123", "true", "ext-1", "false"]);
  });

  it("leaves out optional fields that are not given", async () => {
    const seen = captureImport();
    await client().jobs.usersImports.create({ users: new Blob([usersJson]), connection_id: "con_123" });
    const parts = parseMultipart(seen[0]!.contentType, seen[0]!.body);
    expect(parts.map((part) => part.name)).toEqual(["users", "connection_id"]);
  });

  it("refuses a missing file before any request", async () => {
    const scope = nock(ORIGIN).post(/.*/).reply(201, {});
    await expect(client().jobs.usersImports.create({ connection_id: "c" } as never)).rejects.toThrow(/"users" is required/);
    expect(scope.isDone()).toBe(false);
  });
});
