/**
 * auth0/plugins/bulk: `management.bulk.importUsers()` and `exportUsers()` — users in and out of a tenant by the
 * million through Auth0's import and export jobs, within its documented limits (500 KB files, 2 import jobs at once),
 * with progress, resumable imports and exports streamed in flat memory. Runs everywhere the SDK does; the file
 * helpers (`usersFile`, `fileCheckpoint`) are in `auth0/plugins/bulk/node`.
 *
 * @packageDocumentation
 */
export { bulk } from "./plugin.js";
export type { BulkExtension } from "./plugin.js";
export type { BulkUsers, ExportField, ExportUsersOptions, ExportedUser, ImportUsersOptions } from "./bulk-users.js";
export type { BulkOptions } from "./options.js";
export type { BulkPhase, BulkProgress } from "./progress.js";
export type { BulkRun, BulkRunResult } from "./hooks.js";
export { memoryCheckpoint } from "./import/checkpoint.js";
export type { CheckpointStore } from "./import/checkpoint.js";
export type { ImportUser, UsersSource } from "./import/source.js";
export type { ChunkReport, FailedUser, ImportSummary, ImportUserError } from "./import/summary.js";
export type { UserIdentity } from "./identity.js";
export { BulkDownloadError, BulkImportError, BulkJobError, UsersFileError } from "./errors.js";
export { CONCURRENT_IMPORT_JOBS, MAX_EXPORT_FIELDS, MAX_IMPORT_FILE_BYTES } from "./limits.js";
