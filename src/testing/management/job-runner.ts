import type { TenantContext } from "../context.js";
import { randomToken } from "../internal/ids.js";
import { isJsonObject, type JsonObject } from "../internal/json.js";
import type { JobRecord, JobUserError } from "../state/records.js";
import { buildUser, conflictingUser } from "../state/user-factory.js";

/**
 * Moves a job through `pending` → `processing` → `completed` on the tenant's timers (durations from the `jobs`
 * option), doing its work at the end. A job that vanished meanwhile (`reset()`) is left alone.
 */
export function scheduleJob(ctx: TenantContext, jobId: string): void {
  const { pendingMs, processingMs } = ctx.options.jobs;
  ctx.jobTimers.schedule(pendingMs, () => {
    const job = ctx.store.data.jobs.get(jobId);
    if (!job) return;
    job.status = "processing";
    ctx.jobTimers.schedule(processingMs, () => {
      const running = ctx.store.data.jobs.get(jobId);
      if (running) complete(ctx, running);
    });
  });
}

function complete(ctx: TenantContext, job: JobRecord): void {
  if (job.type === "users_import") importUsers(ctx, job);
  else sendVerificationEmail(ctx, job);
  job.status = "completed";
}

function sendVerificationEmail(ctx: TenantContext, job: JobRecord): void {
  const user = job.user_id === undefined ? undefined : ctx.store.data.users.get(job.user_id);
  if (user?.email === undefined) return;
  ctx.auth.outbox.push({
    kind: "verification-email",
    to: user.email,
    link: `${ctx.urls.issuer}u/email-verification?ticket=${randomToken(24)}#`,
    sentAt: new Date(),
  });
}

/** Imports the users file: inserts new users, updates existing ones when `upsert`, records per-user errors. */
function importUsers(ctx: TenantContext, job: JobRecord): void {
  const connection = job.connection_id === undefined ? undefined : ctx.store.data.connections.get(job.connection_id);
  const summary = { failed: 0, updated: 0, inserted: 0, total: job.input.length };
  const errors: JobUserError[] = [];
  const fail = (user: JsonObject, code: string, message: string, path = ""): void => {
    summary.failed += 1;
    errors.push({ user, errors: [{ code, message, path }] });
  };

  for (const entry of job.input) {
    if (!isJsonObject(entry)) {
      fail({}, "INVALID_FORMAT", "Each user must be an object");
      continue;
    }
    if (!connection) {
      fail(entry, "CONNECTION_NOT_FOUND", "The connection of this job no longer exists");
      continue;
    }
    const email = entry["email"];
    if (typeof email !== "string" || !email.includes("@")) {
      fail(entry, "OBJECT_REQUIRED", "Missing required property: email", "email");
      continue;
    }
    const profile = importedProfile(entry);
    const existing = conflictingUser(ctx.store, connection.name, { email });
    if (existing && !job.upsert) {
      fail(entry, "DUPLICATED_USER", "The user already exist and upsert parameter is false");
    } else if (existing) {
      Object.assign(existing, profile, { updated_at: new Date().toISOString() });
      summary.updated += 1;
    } else {
      const userId = entry["user_id"];
      const user = buildUser(connection, {
        email,
        ...profile,
        ...(typeof userId === "string" ? { user_id: userId } : {}),
      });
      ctx.store.data.users.set(user.user_id, user);
      summary.inserted += 1;
    }
  }
  job.summary = summary;
  job.errors = errors;
}

function importedProfile(entry: JsonObject) {
  const profile: {
    name?: string;
    nickname?: string;
    given_name?: string;
    family_name?: string;
    picture?: string;
    username?: string;
    email_verified?: boolean;
    blocked?: boolean;
    user_metadata?: JsonObject;
    app_metadata?: JsonObject;
  } = {};
  for (const key of ["name", "nickname", "given_name", "family_name", "picture", "username"] as const) {
    const value = entry[key];
    if (typeof value === "string") profile[key] = value;
  }
  for (const key of ["email_verified", "blocked"] as const) {
    const value = entry[key];
    if (typeof value === "boolean") profile[key] = value;
  }
  for (const key of ["user_metadata", "app_metadata"] as const) {
    const value = entry[key];
    if (isJsonObject(value)) profile[key] = value;
  }
  return profile;
}
