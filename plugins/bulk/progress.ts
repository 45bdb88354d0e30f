/** What a bulk run is doing when it reports progress. */
export type BulkPhase = "chunking" | "uploading" | "waiting" | "downloading";

/** A progress report: given to `onProgress` and to `bulk:progress` hooks. */
export interface BulkProgress {
  readonly operation: "import" | "export";
  /**
   * `chunking`: a users file was cut from the source; `uploading`: a file was sent and its job created; `waiting`: a
   * job was polled; `downloading`: an export's users are being read.
   */
  readonly phase: BulkPhase;
  /** Users finished: in completed import jobs (checkpointed ones included), or yielded by an export. */
  readonly done: number;
  /** All the users, once known: an array source, a source read to its end, a finished download. */
  readonly total?: number;
  /** Imports: users read from the source so far. */
  readonly read?: number;
  /** Imports: the users file (0, 1, …) this report is about. */
  readonly chunk?: number;
  readonly jobId?: string;
  /** The job's `percentage_done`, as Auth0 reports it while processing; for a download, the share of bytes read. */
  readonly percentDone?: number;
  /** Milliseconds until the run should end, when it can be estimated. */
  readonly etaMs?: number;
}
