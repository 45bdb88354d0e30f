import type { TenantContext } from "../context.js";
import { randomToken } from "../internal/ids.js";
import type { JobRecord } from "../state/records.js";
import { writeExportFile } from "./export-file.js";
import { importUsers } from "./import-users.js";

/**
 * Moves jobs through `pending` → `processing` → `completed` (or `failed`, when a test injected a failure). A job does
 * its work when it starts processing, as Auth0's do (users appear while an import runs), and reports it when it ends:
 * the end is then only a change of status, so the tenant answers the polls of other jobs on time. With `autoRun` (the
 * default) the tenant's timers drive it: `pendingMs`, then `processingMs` plus the job's users at the configured rate.
 * Without, nothing moves until `advance()` is called, so a test drives the jobs step by step. A job that vanished
 * meanwhile (`reset()`) is left alone.
 */
export function scheduleJob(ctx: TenantContext, jobId: string): void {
  if (!ctx.options.jobs.autoRun) return;
  ctx.jobTimers.schedule(ctx.options.jobs.pendingMs, () => {
    const job = ctx.store.data.jobs.get(jobId);
    if (!job) return;
    startProcessing(ctx, job);
    ctx.jobTimers.schedule(Math.max(0, (job.processing?.endsAt ?? 0) - Date.now()), () => {
      const running = ctx.store.data.jobs.get(jobId);
      if (running) void finish(ctx, running);
    });
  });
}

/** One step for each unfinished job (or the one named). Resolves when the step is done; returns how many moved. */
export async function advanceJobs(ctx: TenantContext, jobId?: string): Promise<number> {
  const jobs = [...ctx.store.data.jobs.values()].filter(
    (job) => (jobId === undefined || job.id === jobId) && (job.status === "pending" || job.status === "processing"),
  );
  for (const job of jobs) {
    if (job.status === "pending") startProcessing(ctx, job, Date.now());
    else await finish(ctx, job);
  }
  return jobs.length;
}

/** How many import jobs count against the tenant's limit: those pending or processing. */
export function activeImports(ctx: TenantContext): number {
  let active = 0;
  for (const job of ctx.store.data.jobs.values()) {
    if (job.type === "users_import" && (job.status === "pending" || job.status === "processing")) active += 1;
  }
  return active;
}

function startProcessing(ctx: TenantContext, job: JobRecord, endsAt?: number): void {
  const startedAt = Date.now();
  job.status = "processing";
  job.processing = { startedAt, endsAt: endsAt ?? startedAt + processingTime(ctx, job) };
  const failure = ctx.jobs.takeFailure(job.type);
  if (failure !== undefined) {
    ctx.jobs.work.set(job.id, Promise.resolve(failure));
    return;
  }
  if (job.type === "users_import") importUsers(ctx, job);
  else if (job.type === "verification_email") sendVerificationEmail(ctx, job);
  const work = job.type === "users_export" ? exportUsers(ctx, job).then(() => undefined, (error: unknown) => `Export failed: ${error instanceof Error ? error.message : String(error)}`) : Promise.resolve(undefined);
  ctx.jobs.work.set(job.id, work);
}

function processingTime(ctx: TenantContext, job: JobRecord): number {
  const { processingMs, importUsersPerSecond, exportUsersPerSecond } = ctx.options.jobs;
  if (job.type === "users_import") return processingMs + (job.input.length / importUsersPerSecond) * 1000;
  if (job.type === "users_export") return processingMs + (expectedExportSize(ctx, job) / exportUsersPerSecond) * 1000;
  return processingMs;
}

/** The users an export will hold, when the store is its source (an export source's size is not known ahead). */
function expectedExportSize(ctx: TenantContext, job: JobRecord): number {
  if (ctx.jobs.exportSource) return 0;
  let count = 0;
  for (const user of ctx.store.data.users.values()) if (job.connection === undefined || user.connection === job.connection) count += 1;
  return Math.min(count, job.limit ?? count);
}

/** The job's work is done (an export's file may still be being written: that is awaited): report how it went. */
async function finish(ctx: TenantContext, job: JobRecord): Promise<void> {
  const failure = await ctx.jobs.work.get(job.id);
  ctx.jobs.work.delete(job.id);
  if (failure !== undefined) {
    job.status = "failed";
    job.status_details = failure;
    job.errors = [];
    if (job.type === "users_import") job.summary = { failed: job.input.length, updated: 0, inserted: 0, total: job.input.length };
    return;
  }
  job.status = "completed";
}

async function exportUsers(ctx: TenantContext, job: JobRecord): Promise<void> {
  const file = await writeExportFile(ctx, job, "mock-tenant");
  // A reset() during the write dropped the job: its file goes too.
  if (ctx.store.data.jobs.get(job.id) === job) ctx.jobs.files.set(job.id, file);
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
