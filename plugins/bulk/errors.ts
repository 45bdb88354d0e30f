import type { ImportSummary } from "./import/summary.js";

/** An import run that could not go on (the tenant refused the jobs, or became unreachable); `summary` says what got done. */
export class BulkImportError extends Error {
  override readonly name = "BulkImportError";
  /** What the run did before it stopped: finished chunks, running jobs (with their ids), chunks never submitted. */
  readonly summary: ImportSummary;

  constructor(message: string, summary: ImportSummary, cause: unknown) {
    super(message, { cause });
    this.summary = summary;
  }
}

/** An import or export job that Auth0 ran and reported `failed` (or that vanished). */
export class BulkJobError extends Error {
  override readonly name = "BulkJobError";
  readonly jobId: string;
  readonly status: string;
  /** Auth0's `status_details`, when it gave one. */
  readonly details: string | undefined;

  constructor(jobId: string, status: string, details: string | undefined) {
    super(`Job ${jobId} ended ${status}${details ? `: ${details}` : ""}`);
    this.jobId = jobId;
    this.status = status;
    this.details = details;
  }
}

/** An export's file could not be downloaded or read. The link is a credential: it is never part of the message. */
export class BulkDownloadError extends Error {
  override readonly name = "BulkDownloadError";
  /** The download's HTTP status, when there was an answer. */
  readonly statusCode: number | undefined;

  constructor(message: string, statusCode?: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.statusCode = statusCode;
  }
}

/** A users file (stream, file, bytes) that is neither a JSON array of objects nor NDJSON. */
export class UsersFileError extends Error {
  override readonly name = "UsersFileError";
}
