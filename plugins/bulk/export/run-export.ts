import { RequestAbortedError, type Management, type ManagementClient } from "auth0";
import { BulkDownloadError, BulkJobError } from "../errors.js";
import type { RunReporter } from "../hooks.js";
import { EXPORT_JOB_TIMEOUT_MS, JOB_TIMEOUT_MARGIN_MS } from "../limits.js";
import { waitForJob, type PollSchedule } from "../poll.js";
import { downloadUsers, type DownloadContext, type DownloadProgress } from "./download.js";

export interface ExportRunSettings {
  readonly request: Management.CreateExportUsersRequestContent;
  readonly format: "json" | "csv";
  readonly signal: AbortSignal | undefined;
  readonly poll: PollSchedule;
  /** How many times a broken download is started again (the client's `maxRetries`). */
  readonly downloadRetries: number;
}

/** Report download progress every this many users. */
const PROGRESS_EVERY = 1000;

/**
 * One `exportUsers` iteration: creates the export job, polls it to the end, then yields the file's users as they are
 * downloaded. A download that breaks (a reset, a truncated body, an expired link) starts again from a fresh link —
 * the job is read again for one — and skips the users already yielded, up to `downloadRetries` times.
 */
export async function* runExport(jobs: ManagementClient["jobs"], download: DownloadContext, settings: ExportRunSettings, reporter: RunReporter): AsyncGenerator<unknown> {
  const { signal, format } = settings;
  let exported = 0;
  let jobId: string | undefined;
  let ended = false;
  const end = (outcome: Parameters<RunReporter["end"]>[0]): void => {
    ended = true;
    reporter.end(outcome);
  };
  reporter.start();
  try {
    const created = await jobs.usersExports.create(settings.request, signal ? { abortSignal: signal } : undefined);
    const id = (jobId = created.id);
    const read = () => jobs.get(id, signal ? { abortSignal: signal } : undefined);
    let job = await waitForJob(read, settings.poll, signal, {
      timeoutMs: EXPORT_JOB_TIMEOUT_MS + JOB_TIMEOUT_MARGIN_MS,
      onPoll: (polled) =>
        reporter.progress({
          operation: "export",
          phase: "waiting",
          done: 0,
          jobId: id,
          ...(typeof polled.percentage_done === "number" ? { percentDone: polled.percentage_done } : {}),
          ...(typeof polled.time_left_seconds === "number" && polled.status === "processing" ? { etaMs: polled.time_left_seconds * 1000 } : {}),
        }),
    });
    if (job === undefined) throw new RequestAbortedError(signal?.reason);
    if (job.status !== "completed") throw new BulkJobError(id, job.status, job.status_details);

    const started = Date.now();
    let bytes: DownloadProgress = { bytes: 0, totalBytes: undefined };
    const progress = (finished = false): void => {
      const share = finished ? 1 : bytes.totalBytes ? bytes.bytes / bytes.totalBytes : undefined;
      const elapsed = Date.now() - started;
      const total = finished ? exported : undefined;
      reporter.progress({
        operation: "export",
        phase: "downloading",
        done: exported,
        jobId: id,
        ...(total !== undefined ? { total } : {}),
        ...(share !== undefined ? { percentDone: Math.floor(share * 100) } : {}),
        ...(share !== undefined && share > 0 ? { etaMs: Math.round((elapsed * (1 - share)) / share) } : {}),
      });
    };
    for (let attempt = 0; ; attempt++) {
      try {
        if (typeof job.location !== "string") throw new BulkDownloadError("The finished export job has no download location");
        const users = downloadUsers(download, job.location, format, { skip: exported, signal, onBytes: (now) => (bytes = now) });
        for await (const user of users) {
          exported += 1;
          if (exported % PROGRESS_EVERY === 0) progress();
          yield user;
        }
        break;
      } catch (error) {
        if (signal?.aborted || attempt >= settings.downloadRetries || !retryable(error)) throw error;
        // The link may have expired (it is valid for 60 s): the job hands out a fresh one.
        job = await read();
      }
    }
    progress(true);
    end({ result: { users: exported, jobIds: [id], aborted: false } });
  } catch (error) {
    end({ error });
    throw error;
  } finally {
    // The consumer stopped early (`break`): the run ends with what it yielded.
    if (!ended) reporter.end({ result: { users: exported, jobIds: jobId === undefined ? [] : [jobId], aborted: signal?.aborted === true } });
  }
}

/** A file that could not be parsed will not parse on a second download either; anything else might work. */
function retryable(error: unknown): boolean {
  return !(error instanceof BulkDownloadError && error.statusCode === undefined);
}
