import type { Management } from "auth0";
import { BulkJobError } from "./errors.js";
import { sleep } from "./sleep.js";

/** How often a job is polled: never sooner than `minIntervalMs` apart, never more than `maxIntervalMs`. */
export interface PollSchedule {
  readonly minIntervalMs: number;
  readonly maxIntervalMs: number;
}

export type Job = Management.GetJobResponseContent;

export interface PollHooks {
  /** Give up (throw `BulkJobError` with status `timed out`) when the job still runs this many ms after the first poll. */
  readonly timeoutMs?: number;
  /** When the caller expects the job to be done, in ms from now (learned from earlier jobs), if it has an idea. */
  readonly expectedMs?: () => number | undefined;
  /** Every answer, finished or not. */
  readonly onPoll?: (job: Job) => void;
}

/**
 * Polls a job until it is no longer pending or processing, and returns it; `undefined` when `signal` fired first. Each
 * GET goes through the client's chain, so the throttle and retries apply; a poll that still fails throws. The wait
 * between polls follows the best hint there is: when the caller expects the job to end (learned from the jobs before
 * it), then Auth0's `time_left_seconds` less one (it is rounded up to whole seconds, so waiting all of it would
 * overshoot by up to a second a job), and otherwise backs off from the shortest interval by half each time.
 */
export async function waitForJob(read: () => Promise<Job>, schedule: PollSchedule, signal: AbortSignal | undefined, hooks: PollHooks = {}): Promise<Job | undefined> {
  const deadline = Date.now() + (hooks.timeoutMs ?? Number.POSITIVE_INFINITY);
  let quiet = 0;
  let delay = hooks.expectedMs?.() ?? schedule.minIntervalMs;
  for (;;) {
    if (!(await sleep(clamp(delay, schedule), signal))) return undefined;
    const job = await read();
    hooks.onPoll?.(job);
    if (job.status !== "pending" && job.status !== "processing") return job;
    if (Date.now() > deadline) throw new BulkJobError(job.id, "timed out", `still ${job.status} past Auth0's own job timeout`);
    const expected = hooks.expectedMs?.();
    const left = typeof job.time_left_seconds === "number" ? (job.time_left_seconds - 1) * 1000 : undefined;
    if (expected !== undefined && expected > 0) delay = expected;
    else if (left !== undefined && left > 0) delay = left;
    else delay = schedule.minIntervalMs * 1.5 ** quiet++;
  }
}

function clamp(ms: number, { minIntervalMs, maxIntervalMs }: PollSchedule): number {
  return Math.min(maxIntervalMs, Math.max(minIntervalMs, ms));
}
