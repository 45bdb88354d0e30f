import type { TenantContext } from "../context.js";
import { HttpError, invalidBody, managementError, statusText } from "../errors.js";
import { json } from "../http/reply.js";
import { isoNow } from "../internal/clock.js";
import { newId } from "../internal/ids.js";
import { isJsonObject } from "../internal/json.js";
import { activeImports, scheduleJob } from "../jobs/job-runner.js";
import type { ExportField, JobRecord } from "../state/records.js";
import { isDatabaseConnection } from "../state/user-factory.js";
import { BodyFields } from "./body.js";
import { requireJob, requireUser } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { jobView } from "./views.js";

/** Auth0 documents a 500 KB limit for the users file; its API answers a larger request with this message. */
const MAX_IMPORT_BYTES = 500 * 1024;
/** Auth0: an export names at most 30 fields. */
const MAX_EXPORT_FIELDS = 30;

/**
 * POST /jobs/users-imports, multipart: `users` (a JSON array file), `connection_id`, `upsert`, `external_id`,
 * `send_completion_email`. Refused with Auth0's 429 while the tenant's limit of import jobs are pending or processing.
 */
function createUsersImport(request: ManagementRequest, ctx: TenantContext) {
  const { body } = request;
  if (body.kind !== "multipart") throw invalidBody("'The request must be multipart/form-data'.");
  const file =
    body.files["users"]?.content ??
    (body.fields["users"] !== undefined ? Buffer.from(body.fields["users"]) : undefined);
  if (file === undefined) throw invalidBody("'Missing required property: users'.");
  if (file.length > MAX_IMPORT_BYTES) {
    throw new HttpError(413, {
      statusCode: 413,
      error: statusText(413),
      message: `Payload content length greater than maximum allowed: ${MAX_IMPORT_BYTES}`,
    });
  }

  const connectionId = body.fields["connection_id"];
  if (connectionId === undefined) throw invalidBody("'Missing required property: connection_id'.");
  const connection = ctx.store.data.connections.get(connectionId);
  if (!connection) throw managementError(400, `The connection ${connectionId} does not exist`, "inexistent_connection");
  if (!isDatabaseConnection(connection)) {
    throw managementError(400, "Users can only be imported into database connections", "invalid_connection");
  }

  let users: unknown;
  try {
    users = JSON.parse(file.toString("utf8"));
  } catch {
    throw invalidBody("'The users file must contain a valid JSON array'.");
  }
  if (!Array.isArray(users)) throw invalidBody("'The users file must contain a valid JSON array'.");

  const limit = ctx.options.jobs.concurrentImports;
  if (activeImports(ctx) >= limit) {
    // Auth0's documented answer: https://auth0.com/docs/manage-users/user-migration/bulk-user-imports (concurrent import jobs).
    throw new HttpError(429, {
      statusCode: 429,
      error: statusText(429),
      message: `There are ${limit} active import users jobs, please wait until some of them are finished and try again`,
    });
  }

  const externalId = body.fields["external_id"];
  const job: JobRecord = {
    id: newId.job(),
    type: "users_import",
    status: "pending",
    created_at: isoNow(),
    connection_id: connection.id,
    connection: connection.name,
    ...(externalId !== undefined ? { external_id: externalId } : {}),
    upsert: body.fields["upsert"] === "true",
    send_completion_email: body.fields["send_completion_email"] !== "false",
    errors: [],
    input: users,
  };
  ctx.store.data.jobs.set(job.id, job);
  scheduleJob(ctx, job.id);
  return json(202, jobView(job));
}

/** POST /jobs/users-exports, JSON: `connection_id`, `format` (`json` or `csv`, the default), `limit`, `fields`. */
async function createUsersExport(request: ManagementRequest, ctx: TenantContext) {
  const fields = BodyFields.from(request.body);
  const connectionId = fields.string("connection_id");
  const connection = connectionId === undefined ? undefined : ctx.store.data.connections.get(connectionId);
  if (connectionId !== undefined && !connection) throw managementError(400, `The connection ${connectionId} does not exist`, "inexistent_connection");
  const format = fields.string("format") ?? "csv";
  if (format !== "json" && format !== "csv") throw invalidBody(`'No enum match for: "${format}"' on property format.`);
  const limit = fields.number("limit");
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) throw invalidBody("'Value must be an integer of at least 1' on property limit.");
  const exportFields = exportFieldList(fields.data["fields"]);

  const job: JobRecord = {
    id: newId.job(),
    type: "users_export",
    status: "pending",
    created_at: isoNow(),
    ...(connection ? { connection_id: connection.id, connection: connection.name } : {}),
    format,
    ...(limit !== undefined ? { limit } : {}),
    ...(exportFields !== undefined ? { fields: exportFields } : {}),
    upsert: false,
    send_completion_email: false,
    errors: [],
    input: [],
  };
  await ctx.downloads.start();
  ctx.store.data.jobs.set(job.id, job);
  scheduleJob(ctx, job.id);
  return json(201, jobView(job));
}

function exportFieldList(value: unknown): ExportField[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidBody("'Expected type array but found type " + typeof value + "' on property fields.");
  if (value.length > MAX_EXPORT_FIELDS) throw invalidBody(`'Array is too long (${value.length}), maximum ${MAX_EXPORT_FIELDS}' on property fields.`);
  return value.map((field, index) => {
    if (!isJsonObject(field) || typeof field["name"] !== "string" || field["name"] === "") {
      throw invalidBody(`'Missing required property: name' on property fields[${index}].`);
    }
    const exportAs = field["export_as"];
    return { name: field["name"], ...(typeof exportAs === "string" ? { export_as: exportAs } : {}) };
  });
}

function createVerificationEmail(request: ManagementRequest, ctx: TenantContext) {
  const user = requireUser(ctx, BodyFields.from(request.body).requiredString("user_id"));
  const job: JobRecord = {
    id: newId.job(),
    type: "verification_email",
    status: "pending",
    created_at: isoNow(),
    upsert: false,
    send_completion_email: false,
    errors: [],
    input: [],
    user_id: user.user_id,
  };
  ctx.store.data.jobs.set(job.id, job);
  scheduleJob(ctx, job.id);
  return json(201, jobView(job));
}

/** A job as GET /jobs/{id} shows it; a finished export carries a freshly signed download link. */
function getJob(request: ManagementRequest, ctx: TenantContext) {
  const job = requireJob(ctx, pathParam(request, "id"));
  const file = job.status === "completed" ? ctx.jobs.files.get(job.id) : undefined;
  return json(200, jobView(job, file ? ctx.downloads.link(job.id, file.name) : undefined));
}

/** The per-user errors of a finished import, or (no errors) the job itself, as Auth0 answers. */
function jobErrors(request: ManagementRequest, ctx: TenantContext) {
  const job = requireJob(ctx, pathParam(request, "id"));
  if (job.errors.length === 0 || job.status !== "completed") return json(200, jobView(job));
  return json(200, job.errors);
}

export const jobRoutes: readonly ManagementRoute[] = [
  {
    method: "POST",
    path: "/jobs/users-imports",
    scopes: ["create:users"],
    summary: "Create import users job",
    handle: createUsersImport,
  },
  {
    method: "POST",
    path: "/jobs/users-exports",
    scopes: ["read:users"],
    summary: "Create export users job",
    handle: createUsersExport,
  },
  {
    method: "POST",
    path: "/jobs/verification-email",
    scopes: ["update:users"],
    summary: "Send an email address verification email",
    handle: createVerificationEmail,
  },
  {
    method: "GET",
    path: "/jobs/{id}",
    scopes: ["create:users", "read:users"],
    summary: "Get a job",
    handle: getJob,
  },
  {
    method: "GET",
    path: "/jobs/{id}/errors",
    scopes: ["create:users", "read:users"],
    summary: "Get job error details",
    handle: jobErrors,
  },
];
