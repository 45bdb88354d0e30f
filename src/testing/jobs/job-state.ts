import type { JsonObject } from "../internal/json.js";
import type { ExportField, JobType } from "../state/records.js";

/** What an export source is told about the export job asking for users. */
export interface ExportJobInfo {
  readonly id: string;
  readonly connectionId: string | undefined;
  readonly format: "json" | "csv";
  readonly fields: readonly ExportField[];
  readonly limit: number | undefined;
}

/**
 * Where export jobs read their users from instead of the tenant's store: a test or a benchmark can export more users
 * than it wants to hold (a generator of a million users), or users shaped in ways the store would not keep.
 */
export type ExportSource = (job: ExportJobInfo) => Iterable<JsonObject> | AsyncIterable<JsonObject>;

/** Makes upcoming jobs end `failed`, as Auth0 reports a job it could not run. */
export interface JobFailureRule {
  /** Which jobs; default any type. */
  readonly type?: JobType;
  /** The job's `status_details`. Default "Internal error". */
  readonly statusDetails?: string;
  /** How many jobs; default 1. */
  readonly times?: number;
}

/** A finished export's file, served by the download host. */
export interface ExportFile {
  readonly name: string;
  readonly bytes: Buffer;
  readonly users: number;
}

/** The tenant's job machinery state that is not data: injected failures, the export source, finished files. */
export class JobState {
  #failures: { type: JobType | undefined; statusDetails: string; remaining: number }[] = [];
  exportSource: ExportSource | undefined;
  readonly files = new Map<string, ExportFile>();
  /** A processing job's work: resolves when it is done, to the `status_details` of an injected failure if any. */
  readonly work = new Map<string, Promise<string | undefined>>();

  failNext(rule: JobFailureRule): void {
    const times = rule.times ?? 1;
    if (!(times > 0)) throw new RangeError("times must be a positive number (or Infinity)");
    this.#failures.push({ type: rule.type, statusDetails: rule.statusDetails ?? "Internal error", remaining: times });
  }

  /** The `status_details` a job of this type must fail with, if a rule says so (consumes one of its `times`). */
  takeFailure(type: JobType): string | undefined {
    const rule = this.#failures.find((candidate) => candidate.type === undefined || candidate.type === type);
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#failures = this.#failures.filter((candidate) => candidate !== rule);
    return rule.statusDetails;
  }

  clear(): void {
    this.#failures = [];
    this.exportSource = undefined;
    this.files.clear();
    this.work.clear();
  }
}
