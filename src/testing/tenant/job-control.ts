import type { TenantContext } from "../context.js";
import { advanceJobs } from "../jobs/job-runner.js";
import type { JobRecord } from "../state/records.js";
import type { JobInfo, MockTenantJobs } from "./mock-tenant.js";

export function jobControl(ctx: TenantContext): MockTenantJobs {
  return {
    list: () => [...ctx.store.data.jobs.values()].map(jobInfo),
    advance: (jobId) => advanceJobs(ctx, jobId),
    failNext: (rule = {}) => ctx.jobs.failNext(rule),
    setExportSource: (source) => void (ctx.jobs.exportSource = source),
  };
}

function jobInfo(job: JobRecord): JobInfo {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    createdAt: job.created_at,
    ...(job.connection_id !== undefined ? { connectionId: job.connection_id } : {}),
    ...(job.external_id !== undefined ? { externalId: job.external_id } : {}),
    ...(job.type === "users_import" ? { users: job.input.length, upsert: job.upsert } : {}),
    ...(job.status_details !== undefined ? { statusDetails: job.status_details } : {}),
  };
}
