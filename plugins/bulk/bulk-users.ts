import { InvalidInputError, type ClientHookable, type Management, type ManagementClient } from "auth0";
import type { DownloadContext } from "./export/download.js";
import { runExport } from "./export/run-export.js";
import { RunReporter, type ObserverErrorSink } from "./hooks.js";
import { Journal, type CheckpointStore } from "./import/checkpoint.js";
import { ImportRun } from "./import/run-import.js";
import { usersOf, type UsersSource } from "./import/source.js";
import type { ImportSummary } from "./import/summary.js";
import { MAX_EXPORT_FIELDS } from "./limits.js";
import { optionalBoolean, optionalFunction, optionalSignal, optionalString, resolveRunOptions, type BulkOptions } from "./options.js";
import type { BulkProgress } from "./progress.js";

/** Options of `importUsers`. */
export interface ImportUsersOptions extends BulkOptions {
  /** The database connection to import into (`con_…`). */
  readonly connectionId: string;
  /** Update users that already exist (matched by email, user id or username) instead of failing them. Default false. */
  readonly upsert?: boolean;
  /**
   * Have Auth0 email the tenant's owners when each job finishes. Default false: one run makes a job per 500 KB of
   * users, and Auth0's own default (true) would send one email for each.
   */
  readonly sendCompletionEmail?: boolean;
  /** Your id for the run, passed to every job as `external_id` (Auth0 returns it with the job). */
  readonly externalId?: string;
  /** Stops new uploads and the polling; the summary says which files are done and which jobs still run. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: BulkProgress) => void;
  /** Where to record progress, so a re-run with the same source resumes (see `CheckpointStore`). */
  readonly checkpoint?: CheckpointStore;
}

/** A field of an export: the user attribute (`email`, `user_metadata.plan`, `identities[0].connection`) and its column name. */
export interface ExportField {
  readonly name: string;
  readonly exportAs?: string;
}

/** Options of `exportUsers`. */
export interface ExportUsersOptions extends Pick<BulkOptions, "pollIntervalMs" | "maxPollIntervalMs"> {
  /** Only this connection's users. Default: every user of the tenant. */
  readonly connectionId?: string;
  /** `json` (the default: Auth0 writes NDJSON, each user an object) or `csv` (each user a row of strings). */
  readonly format?: "json" | "csv";
  /** The fields to export (at most 30), by name or `{ name, exportAs }`. Default: Auth0's predefined set. */
  readonly fields?: readonly (string | ExportField)[];
  /** At most this many users. */
  readonly limit?: number;
  /** Stops the polling or the download; the iteration then throws. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: BulkProgress) => void;
}

/** A user of a JSON export: the requested fields. */
export type ExportedUser = Record<string, unknown>;

/** `management.bulk`: users in and out of a tenant by the million, through Auth0's import and export jobs. */
export interface BulkUsers {
  /**
   * Imports users into a database connection: cuts them into users files of at most 500 KB (measured as
   * serialised), runs at most 2 import jobs at once (Auth0's limits), polls each job through the client's chain and
   * collects every user a job refused from its error report. Resolves with the summary, also when some users failed;
   * rejects with `BulkImportError` (carrying the summary so far) when the run cannot go on, and with
   * `InvalidInputError` before any request when an option is wrong.
   */
  importUsers(source: UsersSource, options: ImportUsersOptions): Promise<ImportSummary>;
  exportUsers(options: ExportUsersOptions & { readonly format: "csv" }): AsyncIterable<Record<string, string>>;
  exportUsers(options?: ExportUsersOptions): AsyncIterable<ExportedUser>;
}

/** What the bulk plugin needs from its client. */
interface BulkDependencies extends DownloadContext {
  readonly client: ManagementClient;
  readonly hooks: ClientHookable;
  readonly onObserverError: ObserverErrorSink;
}

export class BulkUsersResource implements BulkUsers {
  readonly #deps: BulkDependencies;
  readonly #defaults: BulkOptions;

  constructor(deps: BulkDependencies, defaults: BulkOptions = {}) {
    this.#deps = deps;
    this.#defaults = defaults;
  }

  async importUsers(source: UsersSource, options: ImportUsersOptions): Promise<ImportSummary> {
    if (options === null || typeof options !== "object") throw new InvalidInputError("options", "importUsers() needs options with a connectionId");
    const connectionId = optionalString(options.connectionId, "options.connectionId");
    if (connectionId === undefined) throw new InvalidInputError("options.connectionId", "importUsers() needs the connectionId of a database connection");
    const run = resolveRunOptions(this.#defaults, options, "options");
    const settings = {
      ...run,
      connectionId,
      upsert: optionalBoolean(options.upsert, "options.upsert") ?? false,
      sendCompletionEmail: optionalBoolean(options.sendCompletionEmail, "options.sendCompletionEmail") ?? false,
      externalId: optionalString(options.externalId, "options.externalId"),
      signal: optionalSignal(options.signal, "options.signal"),
    };
    const onProgress = optionalFunction<(progress: BulkProgress) => void>(options.onProgress, "options.onProgress");
    const checkpoint = checkpointOption(options.checkpoint);
    const { users, total } = usersOf(source);
    const reporter = new RunReporter(this.#deps.hooks, { operation: "import", connectionId }, onProgress, this.#deps.onObserverError);
    return new ImportRun(this.#deps.client.jobs, settings, new Journal(checkpoint), reporter).run(users, total);
  }

  exportUsers(options: ExportUsersOptions & { readonly format: "csv" }): AsyncIterable<Record<string, string>>;
  exportUsers(options?: ExportUsersOptions): AsyncIterable<ExportedUser>;
  exportUsers(options: ExportUsersOptions = {}): AsyncIterable<ExportedUser> {
    if (options === null || typeof options !== "object") throw new InvalidInputError("options", "exportUsers() options must be an object");
    const format = options.format ?? "json";
    if (format !== "json" && format !== "csv") throw new InvalidInputError("options.format", 'format must be "json" or "csv"');
    const limit = options.limit;
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) throw new InvalidInputError("options.limit", "limit must be a whole number of at least 1");
    const connectionId = optionalString(options.connectionId, "options.connectionId");
    const request: Management.CreateExportUsersRequestContent = {
      format,
      ...(connectionId !== undefined ? { connection_id: connectionId } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(options.fields !== undefined ? { fields: exportFields(options.fields) } : {}),
    };
    const { poll } = resolveRunOptions(this.#defaults, { pollIntervalMs: options.pollIntervalMs, maxPollIntervalMs: options.maxPollIntervalMs }, "options");
    const signal = optionalSignal(options.signal, "options.signal");
    const onProgress = optionalFunction<(progress: BulkProgress) => void>(options.onProgress, "options.onProgress");
    const deps = this.#deps;
    return {
      [Symbol.asyncIterator]: () => {
        const reporter = new RunReporter(deps.hooks, { operation: "export", ...(connectionId !== undefined ? { connectionId } : {}) }, onProgress, deps.onObserverError);
        const settings = { request, format, signal, poll, downloadRetries: deps.options.maxRetries };
        return runExport(deps.client.jobs, deps, settings, reporter) as AsyncGenerator<ExportedUser>;
      },
    };
  }
}

function exportFields(fields: unknown): Management.CreateExportUsersFields[] {
  if (!Array.isArray(fields)) throw new InvalidInputError("options.fields", "fields must be an array of field names or { name, exportAs }");
  if (fields.length > MAX_EXPORT_FIELDS) throw new InvalidInputError("options.fields", `An export names at most ${MAX_EXPORT_FIELDS} fields (Auth0's limit); ${fields.length} given`);
  return fields.map((field: unknown, index) => {
    if (typeof field === "string" && field !== "") return { name: field };
    if (typeof field === "object" && field !== null && typeof (field as ExportField).name === "string" && (field as ExportField).name !== "") {
      const { name, exportAs } = field as ExportField;
      if (exportAs !== undefined && typeof exportAs !== "string") throw new InvalidInputError(`options.fields[${index}].exportAs`, "exportAs must be a string");
      return { name, ...(exportAs !== undefined ? { export_as: exportAs } : {}) };
    }
    throw new InvalidInputError(`options.fields[${index}]`, "Each field is a name or { name, exportAs }");
  });
}

function checkpointOption(value: unknown): CheckpointStore | undefined {
  if (value === undefined) return undefined;
  const store = value as CheckpointStore;
  if (typeof value !== "object" || value === null || typeof store.get !== "function" || typeof store.set !== "function") {
    throw new InvalidInputError("options.checkpoint", "checkpoint must be a store with get(key) and set(key, value)");
  }
  return store;
}
