import type { ClientHookable } from "auth0";
import type { BulkProgress } from "./progress.js";

/** One `importUsers` or `exportUsers` run, as hooks see it. */
export interface BulkRun {
  /** Unique per run, to tell concurrent runs apart. */
  readonly id: string;
  readonly operation: "import" | "export";
  readonly connectionId?: string;
}

/** How a run ended, for observers: counts only, never a user. */
export interface BulkRunResult {
  /** Users imported (inserted + updated) or exported. */
  readonly users: number;
  readonly inserted?: number;
  readonly updated?: number;
  readonly failed?: number;
  readonly jobIds: readonly string[];
  readonly aborted: boolean;
}

declare module "auth0" {
  interface ClientHooks {
    /** A bulk import or export started (`auth0/plugins/bulk`). */
    "bulk:start": (event: { readonly run: BulkRun }) => void | Promise<void>;
    /** A bulk run made progress: the same report `onProgress` gets. */
    "bulk:progress": (event: { readonly run: BulkRun; readonly progress: BulkProgress }) => void | Promise<void>;
    /** A bulk run ended: `result` when it went through (aborted or not), `error` when it failed. */
    "bulk:end": (event: { readonly run: BulkRun; readonly result?: BulkRunResult; readonly error?: unknown }) => void | Promise<void>;
  }
}

/** Where a failing observer (a hook, `onProgress`) is reported: it never fails the run. */
export type ObserverErrorSink = (error: unknown) => void;

/** Tells a run's observers what happens: the caller's `onProgress` and the client's `bulk:*` hooks. */
export class RunReporter {
  readonly run: BulkRun;

  constructor(
    private readonly hooks: ClientHookable,
    run: Omit<BulkRun, "id">,
    private readonly onProgress: ((progress: BulkProgress) => void) | undefined,
    private readonly onObserverError: ObserverErrorSink,
  ) {
    this.run = { id: runId(), ...run };
  }

  start(): void {
    this.#call(() => this.hooks.callHook("bulk:start", { run: this.run }));
  }

  progress(progress: BulkProgress): void {
    if (this.onProgress) this.#call(() => this.onProgress?.(progress));
    this.#call(() => this.hooks.callHook("bulk:progress", { run: this.run, progress }));
  }

  end(outcome: { readonly result: BulkRunResult } | { readonly error: unknown }): void {
    this.#call(() => this.hooks.callHook("bulk:end", { run: this.run, ...outcome }));
  }

  #call(observe: () => unknown): void {
    try {
      const result = observe();
      if (result instanceof Promise) result.catch(this.onObserverError);
    } catch (error) {
      this.onObserverError(error);
    }
  }
}

function runId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
