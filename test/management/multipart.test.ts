import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import nock from "nock";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors.js";
import { ManagementClient } from "../../src/management/management-client.js";
import { serve } from "../helpers/serve-recorded.js";

const ORIGIN = "https://tenant.example.com";
afterEach(() => nock.cleanAll());

const usersJson = JSON.stringify([{ email: "a@example.com", email_verified: true }]);
const dir = mkdtempSync(join(tmpdir(), "auth0-import-"));
const usersPath = join(dir, "users.json");
writeFileSync(usersPath, usersJson);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The exact bytes of a multipart body as fetch's FormData writes it, for the boundary the request used: each part's
 * headers (`Content-Disposition` with the file name, `Content-Type`) and content.
 */
function multipartBody(boundary: string, parts: readonly { name: string; filename?: string; type?: string; text: string }[]): string {
  const lines = parts.map((part) => {
    const disposition = `Content-Disposition: form-data; name="${part.name}"${part.filename === undefined ? "" : `; filename="${part.filename}"`}`;
    const type = part.type === undefined ? "" : `\r\nContent-Type: ${part.type}`;
    return `--${boundary}\r\n${disposition}${type}\r\n\r\n${part.text}\r\n`;
  });
  return `${lines.join("")}--${boundary}--\r\n`;
}

const client = () => new ManagementClient({ domain: "tenant.example.com", token: "t", maxRetries: 0 });
const created = { status: 201, body: { id: "job_1", status: "pending", type: "users_import" }, headers: { "content-type": "application/json" } };

describe("jobs.usersImports.create: the file part as v5 sends it", () => {
  // What auth0@5.14.1 sends for each kind of input (its FormData wrapper over fern's `toMultipartDataPart`): a Blob or
  // File as it is, bytes and streams as a Blob of the given type (none: octet-stream); the file name given, a File's
  // name or a file stream's base name, else FormData's "blob".
  it.each([
    ["a Buffer", () => Buffer.from(usersJson), "blob", "application/octet-stream"],
    ["a Uint8Array", () => new TextEncoder().encode(usersJson), "blob", "application/octet-stream"],
    ["an ArrayBuffer", () => new TextEncoder().encode(usersJson).buffer, "blob", "application/octet-stream"],
    ["a Blob without a type", () => new Blob([usersJson]), "blob", "application/octet-stream"],
    ["a Blob of application/json", () => new Blob([usersJson], { type: "application/json" }), "blob", "application/json"],
    ["a File", () => new File([usersJson], "people.json", { type: "application/json" }), "people.json", "application/json"],
    ["a File without a type", () => new File([usersJson], "people.json"), "people.json", "application/octet-stream"],
    ["an fs.ReadStream", () => createReadStream(usersPath), "users.json", "application/octet-stream"],
    ["a Node Readable", () => Readable.from([Buffer.from(usersJson.slice(0, 10)), Buffer.from(usersJson.slice(10))]), "blob", "application/octet-stream"],
    ["a web ReadableStream", () => new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(usersJson)), c.close()) }), "blob", "application/octet-stream"],
    ["{ data: Buffer, filename, contentType }", () => ({ data: Buffer.from(usersJson), filename: "export.json", contentType: "application/json" }), "export.json", "application/json"],
    ["{ data: Buffer }", () => ({ data: Buffer.from(usersJson) }), "blob", "application/octet-stream"],
    ["{ data: Blob, contentType } (the Blob's own type wins)", () => ({ data: new Blob([usersJson], { type: "text/plain" }), contentType: "application/json" }), "blob", "text/plain"],
    ["{ data: fs.ReadStream }", () => ({ data: createReadStream(usersPath) }), "users.json", "application/octet-stream"],
    ["{ data: [users] } (sent as JSON)", () => ({ data: JSON.parse(usersJson) as unknown }), "blob", "application/json"],
    ["{ path }", () => ({ path: usersPath }), "users.json", "application/octet-stream"],
    ["{ path, filename, contentType }", () => ({ path: usersPath, filename: "y.json", contentType: "application/json" }), "y.json", "application/json"],
  ])("sends %s with its file name and type, the fields after it", async (_label, users, filename, type) => {
    const recorded = serve(ORIGIN, created);
    const job = await client().jobs.usersImports.create({
      users: users() as never,
      connection_id: "con_123",
      upsert: true,
      external_id: "ext-1",
      send_completion_email: false,
    });
    expect(job).toEqual(created.body);
    expect(recorded).toHaveLength(1);
    const request = recorded[0]!;
    expect(`${request.method} ${request.path}`).toBe("POST /api/v2/jobs/users-imports");
    const boundary = /^multipart\/form-data; boundary=(\S+)$/.exec(String(request.headers["content-type"]))?.[1];
    expect(boundary).toBeDefined();
    expect(request.body).toBe(
      multipartBody(boundary!, [
        { name: "users", filename, type, text: usersJson },
        { name: "connection_id", text: "con_123" },
        { name: "upsert", text: "true" },
        { name: "external_id", text: "ext-1" },
        { name: "send_completion_email", text: "false" },
      ]),
    );
  });

  it("leaves out the optional fields that are not given", async () => {
    const recorded = serve(ORIGIN, created);
    await client().jobs.usersImports.create({ users: new Blob([usersJson]), connection_id: "con_123" });
    const boundary = /boundary=(\S+)$/.exec(String(recorded[0]!.headers["content-type"]))![1]!;
    expect(recorded[0]!.body).toBe(
      multipartBody(boundary, [
        { name: "users", filename: "blob", type: "application/octet-stream", text: usersJson },
        { name: "connection_id", text: "con_123" },
      ]),
    );
  });

  it.each([
    ["no file", { connection_id: "c" }, /"users" is required/],
    ["no connection_id (v5 would send the text \"undefined\")", { users: new Blob(["[]"]) }, /"connection_id" is required/],
    ["a string as the file", { users: "[]", connection_id: "c" }, /"users" must be/],
    ["a path that does not exist", { users: { path: join(dir, "missing.json") }, connection_id: "c" }, /cannot read/],
  ])("refuses %s before any request", async (_label, request, message) => {
    const recorded = serve(ORIGIN, created);
    const error = await client().jobs.usersImports.create(request as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(message);
    expect(recorded).toHaveLength(0);
  });
});
