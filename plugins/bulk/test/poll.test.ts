import { describe, expect, it } from "vitest";
import { BulkJobError } from "auth0/plugins/bulk";
import { waitForJob, type Job } from "../poll.js";

const schedule = { minIntervalMs: 0, maxIntervalMs: 0 };
const answers = (...statuses: string[]) => {
  const queue = statuses.map((status) => ({ id: "job_1", type: "users_import", status }) as Job);
  return () => Promise.resolve(queue.length > 1 ? queue.shift()! : queue[0]!);
};

describe("polling a job", () => {
  it("polls until the job is neither pending nor processing, telling each answer", async () => {
    const seen: string[] = [];
    const job = await waitForJob(answers("pending", "processing", "processing", "completed"), schedule, undefined, { onPoll: (polled) => void seen.push(polled.status) });
    expect(job?.status).toBe("completed");
    expect(seen).toEqual(["pending", "processing", "processing", "completed"]);
  });

  it("returns undefined, without another poll, once the signal fired", async () => {
    const controller = new AbortController();
    let polls = 0;
    const job = await waitForJob(() => (++polls === 2 && controller.abort(), answers("processing")()), schedule, controller.signal);
    expect(job).toBeUndefined();
    expect(polls).toBe(2);
  });

  it("gives up with BulkJobError when the job still runs past the timeout", async () => {
    const error = await waitForJob(answers("processing"), schedule, undefined, { timeoutMs: -1 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BulkJobError);
    expect(error).toMatchObject({ jobId: "job_1", status: "timed out" });
  });

  it("lets a failing poll throw (the chain has already retried it)", async () => {
    await expect(waitForJob(() => Promise.reject(new Error("503 after retries")), schedule, undefined)).rejects.toThrow("503 after retries");
  });
});
