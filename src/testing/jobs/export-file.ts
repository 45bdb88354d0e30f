import { createGzip } from "node:zlib";
import type { TenantContext } from "../context.js";
import { isJsonObject, type JsonObject } from "../internal/json.js";
import { userView } from "../management/views.js";
import type { ExportField, JobRecord } from "../state/records.js";
import type { ExportFile, ExportJobInfo } from "./job-state.js";

/** The fields of an export that names none: a predefined set, as Auth0 has. */
export const DEFAULT_EXPORT_FIELDS: readonly ExportField[] = [
  { name: "user_id" },
  { name: "email" },
  { name: "email_verified" },
  { name: "name" },
  { name: "nickname" },
  { name: "created_at" },
  { name: "updated_at" },
];

/** Flush to gzip in pieces of about this many characters: few writes, little held at once. */
const BATCH_CHARS = 64 * 1024;

/**
 * Writes an export job's file as Auth0 does: gzipped, one JSON object per line (`json`, really NDJSON) or CSV with a
 * header row; only the requested fields, each under its `export_as` name. Users come from the export source when a
 * test set one, else from the store (the job's connection, up to `limit`).
 */
export async function writeExportFile(ctx: TenantContext, job: JobRecord, tenantName: string): Promise<ExportFile> {
  const format = job.format ?? "csv";
  const fields = job.fields && job.fields.length > 0 ? job.fields : DEFAULT_EXPORT_FIELDS;
  const gzip = createGzip();
  const compressed: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => compressed.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    gzip.once("end", resolve);
    gzip.once("error", reject);
  });

  let batch = format === "csv" ? `${fields.map((field) => csvCell(field.export_as ?? field.name)).join(",")}\n` : "";
  let users = 0;
  for await (const user of exportedUsers(ctx, job, fields)) {
    if (job.limit !== undefined && users >= job.limit) break;
    batch += format === "csv" ? csvRow(user, fields) : `${JSON.stringify(project(user, fields))}\n`;
    users += 1;
    if (batch.length >= BATCH_CHARS) {
      if (!gzip.write(batch)) await new Promise((resolve) => gzip.once("drain", resolve));
      batch = "";
    }
  }
  gzip.end(batch);
  await finished;
  return { name: `${tenantName}.${format}.gz`, bytes: Buffer.concat(compressed), users };
}

function exportedUsers(ctx: TenantContext, job: JobRecord, fields: readonly ExportField[]): Iterable<JsonObject> | AsyncIterable<JsonObject> {
  const source = ctx.jobs.exportSource;
  if (source) {
    const info: ExportJobInfo = { id: job.id, connectionId: job.connection_id, format: job.format ?? "csv", fields, limit: job.limit };
    return source(info);
  }
  return storeUsers(ctx, job.connection);
}

function* storeUsers(ctx: TenantContext, connection: string | undefined): Iterable<JsonObject> {
  for (const user of ctx.store.data.users.values()) {
    if (connection === undefined || user.connection === connection) yield userView(user);
  }
}

function project(user: JsonObject, fields: readonly ExportField[]): JsonObject {
  const out: JsonObject = {};
  for (const field of fields) {
    const value = valueAt(user, field.name);
    if (value !== undefined) out[field.export_as ?? field.name] = value;
  }
  return out;
}

function csvRow(user: JsonObject, fields: readonly ExportField[]): string {
  return `${fields.map((field) => csvCell(valueAt(user, field.name))).join(",")}\n`;
}

/** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled. Objects are written as JSON. */
function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `user_metadata.plan`, `identities[0].connection`: a path into the user. */
function valueAt(user: JsonObject, path: string): unknown {
  let current: unknown = user;
  for (const part of path.replace(/\[(\d+)\]/g, ".$1").split(".")) {
    if (Array.isArray(current)) current = current[Number(part)];
    else if (isJsonObject(current)) current = current[part];
    else return undefined;
  }
  return current;
}
