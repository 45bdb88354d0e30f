import { InvalidInputError, ManagementError, type ManagementClient } from "auth0";
import { BulkImportError, BulkJobError } from "../errors.js";
import type { RunReporter } from "../hooks.js";
import { IMPORT_JOB_TIMEOUT_MS, JOB_TIMEOUT_MARGIN_MS } from "../limits.js";
import type { ResolvedRunOptions } from "../options.js";
import { waitForJob, type Job } from "../poll.js";
import type { BulkProgress } from "../progress.js";
import type { ChunkRecord, Journal } from "./checkpoint.js";
import { chunkUsers, identitiesOf, type ImportChunk } from "./chunks.js";
import { jobOutcome } from "./job-outcome.js";
import { readAhead } from "./read-ahead.js";
import { submitChunk, type SubmitSettings } from "./submit.js";
import { SummaryBuilder, type ChunkReport, type ImportSummary } from "./summary.js";

export interface ImportRunSettings extends SubmitSettings, ResolvedRunOptions {
  readonly signal: AbortSignal | undefined;
}

/**
 * One `importUsers` call: `concurrency` uploaders take users files from the chunker as they free up, each uploading
 * a file, following its job to the end and collecting its result, and recording every step in the checkpoint. A
 * file the checkpoint saw finish is skipped; one whose job was created is followed, never sent again; one whose
 * upload an earlier run may or may not have completed is sent again and flagged. The caller's abort stops new
 * uploads and the polling at once (running jobs are reported with their ids); a refused upload or a failing poll
 * stops the run with a `BulkImportError` carrying the summary so far.
 */
export class ImportRun {
  readonly #summary = new SummaryBuilder();
  /** Fires on the caller's abort or on a fatal error: no new upload, no more polling. */
  readonly #stop = new AbortController();
  #fatal: { error: unknown } | undefined;
  #read = 0;
  #sourceEnded = false;
  /** All users, when known before reading (an array). */
  #total: number | undefined;
  #firstUpload: number | undefined;
  #doneThisRun = 0;
  /** Learned from this run's jobs: how long a job takes per user, to poll near its end. */
  #msPerUser: number | undefined;

  constructor(
    private readonly jobs: ManagementClient["jobs"],
    private readonly settings: ImportRunSettings,
    private readonly journal: Journal,
    private readonly reporter: RunReporter,
  ) {}

  async run(users: AsyncIterable<readonly unknown[]>, knownTotal: number | undefined): Promise<ImportSummary> {
    const { signal } = this.settings;
    this.#total = knownTotal;
    await this.journal.open({ connectionId: this.settings.connectionId, upsert: this.settings.upsert, maxFileBytes: this.settings.maxFileBytes });
    this.reporter.start();
    const onAbort = (): void => this.#stop.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) onAbort();

    const chunks = readAhead(chunkUsers(users, this.settings.maxFileBytes, {
      refused: (user) => this.#summary.refused({ user: user.identity, errors: [{ code: user.code, message: user.message }], index: user.index }),
      read: (read, ended) => {
        this.#read = read;
        this.#sourceEnded = ended;
      },
    }), this.settings.concurrency);
    try {
      await Promise.all(Array.from({ length: this.settings.concurrency }, () => this.#uploader(chunks)));
    } finally {
      signal?.removeEventListener("abort", onAbort);
      // Stopped before the end: let the source go (close its stream).
      await chunks.return(undefined).catch(() => undefined);
    }

    this.#summary.total = this.#read;
    const summary = this.#summary.build(signal?.aborted === true);
    if (this.#fatal) {
      const { error } = this.#fatal;
      this.reporter.end({ error });
      if (error instanceof InvalidInputError) throw error;
      throw new BulkImportError(`The import stopped: ${error instanceof Error ? error.message : String(error)}`, summary, error);
    }
    this.reporter.end({
      result: { users: summary.inserted + summary.updated, inserted: summary.inserted, updated: summary.updated, failed: summary.failed.length, jobIds: summary.jobIds, aborted: summary.aborted },
    });
    return summary;
  }

  async #uploader(chunks: AsyncGenerator<ImportChunk>): Promise<void> {
    while (!this.#stop.signal.aborted) {
      let next: IteratorResult<ImportChunk>;
      try {
        next = await chunks.next();
      } catch (error) {
        return this.#fail(error);
      }
      if (next.done) return;
      this.#progress({ phase: "chunking", chunk: next.value.index });
      try {
        await this.#process(next.value);
      } catch (error) {
        this.#fail(error);
      }
    }
  }

  async #process(chunk: ImportChunk): Promise<void> {
    const saved = await this.journal.read(chunk.index);
    if (saved !== undefined && saved.fingerprint !== chunk.fingerprint) {
      throw new InvalidInputError("checkpoint", `Users file ${chunk.index} differs from the one the checkpoint recorded: the source or its order changed. Use a new checkpoint, or the same source`);
    }
    if (saved?.state === "completed" || saved?.state === "failed") {
      this.#summary.chunk(report(chunk, saved.state, { jobId: saved.jobId, fromCheckpoint: true, error: saved.error }), { ...saved, submitted: true });
      return;
    }
    let jobId = saved?.state === "submitted" ? saved.jobId : undefined;
    const resubmitted = saved?.state === "submitting";
    if (jobId === undefined) {
      if (this.#stop.signal.aborted) return this.#summary.chunk(report(chunk, "not-submitted", { resubmitted }));
      await this.#record(chunk, { state: "submitting" });
      let submission: Awaited<ReturnType<typeof submitChunk>>;
      try {
        submission = await submitChunk(this.jobs, chunk, this.settings, this.#stop.signal);
      } catch (error) {
        // Refused: no job exists, and the run stops (its settings are wrong, or the tenant cannot be reached).
        await this.#record(chunk, { state: "not-submitted" });
        this.#summary.chunk(report(chunk, "not-submitted", { resubmitted, error: describe(error) }));
        throw error;
      }
      if ("stopped" in submission) {
        await this.#record(chunk, { state: "not-submitted" });
        return this.#summary.chunk(report(chunk, "not-submitted", { resubmitted }));
      }
      if ("unknown" in submission) {
        // The job may exist: the checkpoint keeps "submitting", so a re-run sends the file again.
        const error = describe(submission.unknown);
        const failed = (await identitiesOf(chunk)).map((user, k) => ({ user, errors: [{ code: "IMPORT_UNCONFIRMED", message: `The upload failed after it may have reached Auth0 (${error}); re-run with the same checkpoint to send it again` }], index: chunk.positions[k], chunk: chunk.index }));
        return this.#summary.chunk(report(chunk, "unknown", { resubmitted, error }), { failed });
      }
      jobId = submission.jobId;
      this.#firstUpload ??= Date.now();
      await this.#record(chunk, { state: "submitted", jobId });
      this.#progress({ phase: "uploading", chunk: chunk.index, jobId });
    }
    await this.#follow(chunk, jobId, resubmitted);
  }

  async #follow(chunk: ImportChunk, jobId: string, resubmitted: boolean): Promise<void> {
    const since = Date.now();
    let job: Job | undefined;
    try {
      job = await waitForJob(() => this.jobs.get(jobId, { abortSignal: this.#stop.signal }), this.settings.poll, this.#stop.signal, {
        timeoutMs: IMPORT_JOB_TIMEOUT_MS + JOB_TIMEOUT_MARGIN_MS,
        // A little early: a poll too soon costs one request, one too late costs the time until it.
        expectedMs: () => (this.#msPerUser === undefined ? undefined : 0.9 * chunk.users * this.#msPerUser - (Date.now() - since)),
        onPoll: (polled) => this.#progress({ phase: "waiting", chunk: chunk.index, jobId, ...(typeof polled.percentage_done === "number" ? { percentDone: polled.percentage_done } : {}) }),
      });
    } catch (error) {
      if (error instanceof ManagementError && error.statusCode === 404) {
        return this.#summary.chunk(report(chunk, "unknown", { jobId, resubmitted, error: "The job no longer exists (Auth0 deletes job data after 24 hours)" }), { submitted: true });
      }
      if (error instanceof BulkJobError) return this.#summary.chunk(report(chunk, "unknown", { jobId, resubmitted, error: error.message }), { submitted: true });
      this.#summary.chunk(report(chunk, "running", { jobId, resubmitted }), { submitted: true });
      if (this.#stop.signal.aborted) return;
      throw error;
    }
    if (job === undefined) return this.#summary.chunk(report(chunk, "running", { jobId, resubmitted }), { submitted: true });

    const elapsed = Date.now() - since;
    this.#msPerUser = this.#msPerUser === undefined ? elapsed / chunk.users : (this.#msPerUser + elapsed / chunk.users) / 2;
    const outcome = await jobOutcome(this.jobs, chunk, job);
    if (outcome.status !== "unknown") {
      await this.#record(chunk, { state: outcome.status, jobId, inserted: outcome.inserted, updated: outcome.updated, failed: outcome.failed, ...(outcome.error !== undefined ? { error: outcome.error } : {}) });
      this.#doneThisRun += chunk.users;
    }
    this.#summary.chunk(report(chunk, outcome.status, { jobId, resubmitted, error: outcome.error }), { ...outcome, submitted: true });
    this.#progress({ phase: "waiting", chunk: chunk.index, jobId, percentDone: 100 });
  }

  #record(chunk: ImportChunk, record: DistributiveOmit<ChunkRecord, "fingerprint" | "users">): Promise<void> {
    return this.journal.write(chunk.index, { ...record, fingerprint: chunk.fingerprint, users: chunk.users } as ChunkRecord);
  }

  #fail(error: unknown): void {
    this.#fatal ??= { error };
    this.#stop.abort();
  }

  #progress(event: Omit<BulkProgress, "operation" | "done" | "total" | "read" | "etaMs">): void {
    const total = this.#total ?? (this.#sourceEnded ? this.#read : undefined);
    const done = this.#summary.done;
    const elapsed = this.#firstUpload === undefined ? 0 : Date.now() - this.#firstUpload;
    const etaMs = total !== undefined && this.#doneThisRun > 0 && elapsed > 0 ? Math.round(((total - done) * elapsed) / this.#doneThisRun) : undefined;
    this.reporter.progress({ operation: "import", ...event, done, read: this.#read, ...(total !== undefined ? { total } : {}), ...(etaMs !== undefined ? { etaMs } : {}) });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function report(chunk: ImportChunk, status: ChunkReport["status"], extra: { jobId?: string | undefined; fromCheckpoint?: boolean; resubmitted?: boolean; error?: string | undefined }): ChunkReport {
  return {
    index: chunk.index,
    users: chunk.users,
    status,
    ...(extra.jobId !== undefined ? { jobId: extra.jobId } : {}),
    ...(extra.fromCheckpoint ? { fromCheckpoint: true } : {}),
    ...(extra.resubmitted ? { resubmitted: true } : {}),
    ...(extra.error !== undefined ? { error: extra.error } : {}),
  };
}

function describe(error: unknown): string {
  if (error instanceof ManagementError && error.statusCode !== undefined) return `HTTP ${error.statusCode}`;
  return error instanceof Error ? error.message.split("\n")[0] ?? error.name : String(error);
}
