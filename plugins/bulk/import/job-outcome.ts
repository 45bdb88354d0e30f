import type { ManagementClient } from "auth0";
import { identify, identityKeys, type UserIdentity } from "../identity.js";
import type { Job } from "../poll.js";
import { identitiesOf, type ImportChunk } from "./chunks.js";
import type { FailedUser, ImportUserError } from "./summary.js";

/** What a finished import job did with its file. */
export interface JobOutcome {
  readonly status: "completed" | "failed" | "unknown";
  readonly inserted: number;
  readonly updated: number;
  readonly failed: readonly FailedUser[];
  readonly error?: string;
}

/**
 * Reads a finished job's result: its summary's counts, and for each failed user the entry of the job's error report
 * (`GET /jobs/{id}/errors`), matched back to its position in the source. A job Auth0 failed as a whole fails every
 * user of the file with its `status_details`.
 */
export async function jobOutcome(jobs: ManagementClient["jobs"], chunk: ImportChunk, job: Job): Promise<JobOutcome> {
  if (job.status === "completed") {
    const summary = job.summary ?? {};
    const failed = (summary.failed ?? 0) > 0 ? await reportedFailures(jobs, chunk, job.id) : [];
    const updated = summary.updated ?? 0;
    return { status: "completed", inserted: summary.inserted ?? chunk.users - failed.length - updated, updated, failed };
  }
  if (job.status === "failed") {
    const details = job.status_details ?? (await genericDetails(jobs, job.id));
    const error: ImportUserError = { code: "JOB_FAILED", message: details ?? "Auth0 failed the import job" };
    const failed = (await identitiesOf(chunk)).map((user, k) => ({ user, errors: [error], index: chunk.positions[k], chunk: chunk.index, jobId: job.id }));
    return { status: "failed", inserted: 0, updated: 0, failed, ...(details !== undefined ? { error: details } : {}) };
  }
  return { status: "unknown", inserted: 0, updated: 0, failed: [], error: `The job ended ${job.status}` };
}

async function reportedFailures(jobs: ManagementClient["jobs"], chunk: ImportChunk, jobId: string): Promise<FailedUser[]> {
  const report: unknown = await jobs.errors.get(jobId);
  if (!Array.isArray(report)) return [];
  const positions = positionsByKey(await identitiesOf(chunk), chunk.positions);
  return report.map((entry: unknown) => {
    const { user, errors } = (typeof entry === "object" && entry !== null ? entry : {}) as { user?: unknown; errors?: unknown };
    const identity = identify(user);
    const index = identityKeys(identity)
      .map((key) => positions.get(key)?.shift())
      .find((position) => position !== undefined);
    return { user: identity, errors: userErrors(errors), ...(index !== undefined ? { index } : {}), chunk: chunk.index, jobId };
  });
}

/** Each identifying key of the file's users → their source positions, in file order (a key may repeat). */
function positionsByKey(identities: readonly UserIdentity[], sourcePositions: readonly number[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  identities.forEach((identity, k) => {
    for (const key of identityKeys(identity)) {
      const list = map.get(key);
      if (list) list.push(sourcePositions[k]!);
      else map.set(key, [sourcePositions[k]!]);
    }
  });
  return map;
}

function userErrors(errors: unknown): ImportUserError[] {
  if (!Array.isArray(errors)) return [{ code: "UNKNOWN", message: "Auth0 reported the user without a reason" }];
  return errors.map((error: unknown) => {
    const { code, message, path } = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
    return {
      code: typeof code === "string" ? code : "UNKNOWN",
      message: typeof message === "string" ? message : "",
      ...(typeof path === "string" && path !== "" ? { path } : {}),
    };
  });
}

/** A failed job's report is the job itself, with `status_details`. */
async function genericDetails(jobs: ManagementClient["jobs"], jobId: string): Promise<string | undefined> {
  const report: unknown = await jobs.errors.get(jobId);
  const details = typeof report === "object" && report !== null && !Array.isArray(report) ? (report as Record<string, unknown>)["status_details"] : undefined;
  return typeof details === "string" ? details : undefined;
}
