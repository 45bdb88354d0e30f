import { ManagementError, NetworkError, type ManagementClient } from "auth0";
import { IMPORT_JOB_TIMEOUT_MS } from "../limits.js";
import type { PollSchedule } from "../poll.js";
import { sleep } from "../sleep.js";
import type { ImportChunk } from "./chunks.js";

export interface SubmitSettings {
  readonly connectionId: string;
  readonly upsert: boolean;
  readonly sendCompletionEmail: boolean;
  readonly externalId: string | undefined;
  readonly poll: PollSchedule;
}

/** The job was created; the run was stopped while waiting for a job slot; or nobody knows (the upload may have landed). */
export type Submission = { readonly jobId: string } | { readonly stopped: true } | { readonly unknown: unknown };

/** Connection failures before anything was sent: the tenant cannot be reached, no job can exist. */
const NOT_SENT = new Set(["ECONNREFUSED", "EAI_AGAIN", "ENOTFOUND", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * Uploads one users file as an import job (`POST /jobs/users-imports`, through the client's chain). A 429 — the
 * tenant's job slots are taken, by this run's jobs or someone else's — is waited out with backoff (at most Auth0's
 * 2-hour job timeout; `stop` ends the wait). The upload itself is not aborted midway: a request cut off after it
 * reached Auth0 would leave a job nobody knows of. An answer that says the request was refused throws (the run's
 * settings are wrong); a failure after which the job may exist is returned as `unknown`.
 */
export async function submitChunk(jobs: ManagementClient["jobs"], chunk: ImportChunk, settings: SubmitSettings, stop: AbortSignal): Promise<Submission> {
  const deadline = Date.now() + IMPORT_JOB_TIMEOUT_MS;
  const base = Math.max(settings.poll.minIntervalMs, 50);
  for (let attempt = 0; ; attempt++) {
    try {
      const job = await jobs.usersImports.create({
        users: chunk.file,
        connection_id: settings.connectionId,
        upsert: settings.upsert,
        send_completion_email: settings.sendCompletionEmail,
        ...(settings.externalId !== undefined ? { external_id: settings.externalId } : {}),
      });
      return { jobId: job.id };
    } catch (error) {
      if (statusOf(error) === 429 && Date.now() < deadline) {
        if (await sleep(Math.min(settings.poll.maxIntervalMs, base * 1.5 ** attempt), stop)) continue;
        return { stopped: true };
      }
      if (refused(error)) throw error;
      return { unknown: error };
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return error instanceof ManagementError ? error.statusCode : undefined;
}

/** Auth0 answered that it did not act on the request, or the request never left. */
function refused(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) return status !== 408;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof NetworkError && cause.code !== undefined && NOT_SENT.has(cause.code);
}
