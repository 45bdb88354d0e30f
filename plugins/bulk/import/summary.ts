import type { UserIdentity } from "../identity.js";

/** Why Auth0 (or the plugin, before sending) refused a user. */
export interface ImportUserError {
  readonly code: string;
  readonly message: string;
  /** The field at fault, when Auth0 names one. */
  readonly path?: string;
}

/** A user that was not imported, with its identifying fields and the reasons. */
export interface FailedUser {
  readonly user: UserIdentity;
  readonly errors: readonly ImportUserError[];
  /** Its position in the source (0-based), when known. */
  readonly index?: number;
  /** The users file it was in: absent for a user refused before upload. */
  readonly chunk?: number;
  readonly jobId?: string;
}

/**
 * What happened to one users file. `completed`: its job ran (some users may have failed); `failed`: Auth0 failed the
 * whole job; `running`: the run stopped (abort, error) while its job ran — `jobId` says which; `not-submitted`: never
 * sent; `unknown`: the upload failed after it may have reached Auth0, or the job vanished — a re-run with the same
 * checkpoint resubmits it (Auth0 refuses users that already exist unless `upsert`).
 */
export interface ChunkReport {
  readonly index: number;
  readonly users: number;
  readonly status: "completed" | "failed" | "running" | "not-submitted" | "unknown";
  readonly jobId?: string;
  /** Finished in an earlier run, as the checkpoint recorded. */
  readonly fromCheckpoint?: boolean;
  /** Sent again because an earlier run stopped while sending it, not knowing whether its job was created. */
  readonly resubmitted?: boolean;
  /** Why it failed or is unknown. */
  readonly error?: string;
}

/** The outcome of `importUsers`. */
export interface ImportSummary {
  /** Users read from the source. */
  readonly total: number;
  /** Users sent in import jobs that were created (in this run or, per the checkpoint, an earlier one). */
  readonly submitted: number;
  readonly inserted: number;
  readonly updated: number;
  /** Every user not imported: refused by Auth0 (per the job's error report) or before upload. */
  readonly failed: readonly FailedUser[];
  /** The import jobs, in file order. */
  readonly jobIds: readonly string[];
  /** Each users file, in order. */
  readonly chunks: readonly ChunkReport[];
  /** The `signal` fired: files not yet sent stay `not-submitted`, running jobs are reported `running`. */
  readonly aborted: boolean;
}

/** Collects a run's outcome as files finish, in whatever order they finish. */
export class SummaryBuilder {
  total = 0;
  #inserted = 0;
  #updated = 0;
  #submitted = 0;
  readonly #refused: FailedUser[] = [];
  readonly #chunks = new Map<number, { report: ChunkReport; failed: readonly FailedUser[] }>();

  get done(): number {
    let done = 0;
    for (const { report } of this.#chunks.values()) if (report.status === "completed" || report.status === "failed") done += report.users;
    return done;
  }

  refused(user: FailedUser): void {
    this.#refused.push(user);
  }

  chunk(report: ChunkReport, outcome: { inserted?: number; updated?: number; failed?: readonly FailedUser[]; submitted?: boolean } = {}): void {
    this.#chunks.set(report.index, { report, failed: outcome.failed ?? [] });
    this.#inserted += outcome.inserted ?? 0;
    this.#updated += outcome.updated ?? 0;
    if (outcome.submitted) this.#submitted += report.users;
  }

  build(aborted: boolean): ImportSummary {
    const chunks = [...this.#chunks.values()].sort((a, b) => a.report.index - b.report.index);
    const failed = [...this.#refused, ...chunks.flatMap((chunk) => chunk.failed)].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    return {
      total: this.total,
      submitted: this.#submitted,
      inserted: this.#inserted,
      updated: this.#updated,
      failed,
      jobIds: chunks.flatMap(({ report }) => (report.jobId !== undefined ? [report.jobId] : [])),
      chunks: chunks.map(({ report }) => report),
      aborted,
    };
  }
}
