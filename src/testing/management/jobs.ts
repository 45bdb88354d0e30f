import type { TenantContext } from "../context.js";
import { invalidBody, managementError } from "../errors.js";
import { json } from "../http/reply.js";
import { isoNow } from "../internal/clock.js";
import { newId } from "../internal/ids.js";
import type { JobRecord } from "../state/records.js";
import { isDatabaseConnection } from "../state/user-factory.js";
import { BodyFields } from "./body.js";
import { scheduleJob } from "./job-runner.js";
import { requireJob, requireUser } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { jobView } from "./views.js";

const MAX_IMPORT_BYTES = 500 * 1024;

/**
 * POST /jobs/users-imports, multipart: `users` (a JSON array file), `connection_id`, `upsert`, `external_id`,
 * `send_completion_email`. The job completes after a short while; then the users are in the store.
 */
function createUsersImport(request: ManagementRequest, ctx: TenantContext) {
  const { body } = request;
  if (body.kind !== "multipart") throw invalidBody("'The request must be multipart/form-data'.");
  const file =
    body.files["users"]?.content ??
    (body.fields["users"] !== undefined ? Buffer.from(body.fields["users"]) : undefined);
  if (file === undefined) throw invalidBody("'Missing required property: users'.");
  if (file.length > MAX_IMPORT_BYTES)
    throw managementError(413, "Payload Too Large: the users file must be at most 500KB", "payload_too_large");

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

/** The per-user errors of a finished import, or (no errors) the job itself, as Auth0 answers. */
function jobErrors(request: ManagementRequest, ctx: TenantContext) {
  const job = requireJob(ctx, pathParam(request, "id"));
  if (job.errors.length === 0) return json(200, jobView(job));
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
    handle: (request, ctx) => json(200, jobView(requireJob(ctx, pathParam(request, "id")))),
  },
  {
    method: "GET",
    path: "/jobs/{id}/errors",
    scopes: ["create:users", "read:users"],
    summary: "Get job error details",
    handle: jobErrors,
  },
];
