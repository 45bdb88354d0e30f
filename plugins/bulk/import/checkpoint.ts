import { InvalidInputError } from "auth0";
import type { FailedUser } from "./summary.js";

/**
 * Where an import records its progress, so a run restarted with the same source and checkpoint skips the files that
 * finished and picks up the jobs that were running. Any key-value store will do (a file: `fileCheckpoint(path)` from
 * `auth0/plugins/bulk/node`; Redis; a database row). `set` must be durable when it resolves.
 */
export interface CheckpointStore {
  get(key: string): string | undefined | Promise<string | undefined>;
  set(key: string, value: string): void | Promise<void>;
}

/** A checkpoint in memory: resumes an import within one process (after an abort, say). */
export function memoryCheckpoint(): CheckpointStore {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
  };
}

/** What a checkpoint knows about one users file. */
export type ChunkRecord =
  /** About to be sent: if the run stops here, nobody knows whether Auth0 created the job. */
  | { readonly state: "submitting"; readonly fingerprint: string; readonly users: number }
  /** Not sent after all (the run was stopped while waiting for a job slot). */
  | { readonly state: "not-submitted"; readonly fingerprint: string; readonly users: number }
  | { readonly state: "submitted"; readonly fingerprint: string; readonly users: number; readonly jobId: string }
  | {
      readonly state: "completed" | "failed";
      readonly fingerprint: string;
      readonly users: number;
      readonly jobId: string;
      readonly inserted: number;
      readonly updated: number;
      readonly failed: readonly FailedUser[];
      readonly error?: string;
    };

/** What the run that wrote a checkpoint was: a different one must not reuse its records. */
interface RunRecord {
  readonly version: 1;
  readonly connectionId: string;
  readonly upsert: boolean;
  readonly maxFileBytes: number;
}

/** An import's records in a checkpoint store: one for the run, one per users file. */
export class Journal {
  constructor(private readonly store: CheckpointStore | undefined) {}

  /** Checks (or writes) the run record: a checkpoint from another import is refused before anything is sent. */
  async open(run: Omit<RunRecord, "version">): Promise<void> {
    if (!this.store) return;
    const saved = await this.store.get("run");
    const current: RunRecord = { version: 1, ...run };
    if (saved === undefined) {
      await this.store.set("run", JSON.stringify(current));
      return;
    }
    const previous = parse<RunRecord>(saved, "run");
    for (const key of ["version", "connectionId", "upsert", "maxFileBytes"] as const) {
      if (previous[key] !== current[key]) {
        throw new InvalidInputError("checkpoint", `The checkpoint belongs to another import (its ${key} is ${JSON.stringify(previous[key])}, this one's ${JSON.stringify(current[key])}): use a new checkpoint, or the same options`);
      }
    }
  }

  async read(index: number): Promise<ChunkRecord | undefined> {
    const saved = await this.store?.get(`chunk:${index}`);
    return saved === undefined ? undefined : parse<ChunkRecord>(saved, `chunk:${index}`);
  }

  async write(index: number, record: ChunkRecord): Promise<void> {
    await this.store?.set(`chunk:${index}`, JSON.stringify(record));
  }
}

function parse<T>(text: string, key: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new InvalidInputError("checkpoint", `The checkpoint's "${key}" record is not valid JSON`);
  }
}
