import { InvalidInputError } from "auth0";
import { CONCURRENT_IMPORT_JOBS, MAX_IMPORT_FILE_BYTES } from "./limits.js";
import type { PollSchedule } from "./poll.js";

/** Defaults for every run of a client, given to `bulk()`; each run's own options win. */
export interface BulkOptions {
  /** Import jobs run at once. Default 2, Auth0's limit per tenant; with more, Auth0 answers 429 and the run waits. */
  readonly concurrency?: number;
  /** Largest users file in bytes, as serialised. Default 500,000 (Auth0: 500 KB). */
  readonly maxFileBytes?: number;
  /** Shortest wait between two polls of a job, and the first one. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Longest wait between two polls. Default 15,000 ms. */
  readonly maxPollIntervalMs?: number;
}

export interface ResolvedRunOptions {
  readonly concurrency: number;
  readonly maxFileBytes: number;
  readonly poll: PollSchedule;
}

export function resolveRunOptions(defaults: BulkOptions, options: BulkOptions, where: string): ResolvedRunOptions {
  const pick = <K extends keyof BulkOptions>(key: K, fallback: number): number => {
    const value = options[key] ?? defaults[key] ?? fallback;
    const field = `${where}.${key}`;
    if (typeof value !== "number" || !Number.isFinite(value)) throw new InvalidInputError(field, `${field} must be a number`);
    return value;
  };
  const concurrency = pick("concurrency", CONCURRENT_IMPORT_JOBS);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InvalidInputError(`${where}.concurrency`, "concurrency must be a whole number of at least 1");
  const maxFileBytes = pick("maxFileBytes", MAX_IMPORT_FILE_BYTES);
  if (!Number.isInteger(maxFileBytes) || maxFileBytes < 64) throw new InvalidInputError(`${where}.maxFileBytes`, "maxFileBytes must be a whole number of bytes, at least 64");
  const minIntervalMs = pick("pollIntervalMs", 1000);
  const maxIntervalMs = pick("maxPollIntervalMs", 15_000);
  if (minIntervalMs < 0 || maxIntervalMs < minIntervalMs) {
    throw new InvalidInputError(`${where}.pollIntervalMs`, "pollIntervalMs must be at least 0 and at most maxPollIntervalMs");
  }
  return { concurrency, maxFileBytes, poll: { minIntervalMs, maxIntervalMs } };
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw new InvalidInputError(field, `${field} must be a non-empty string`);
  return value;
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new InvalidInputError(field, `${field} must be true or false`);
  return value;
}

export function optionalSignal(value: unknown, field: string): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (typeof AbortSignal !== "undefined" && value instanceof AbortSignal) return value;
  throw new InvalidInputError(field, `${field} must be an AbortSignal`);
}

export function optionalFunction<F extends (...args: never[]) => unknown>(value: unknown, field: string): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw new InvalidInputError(field, `${field} must be a function`);
  return value as F;
}
