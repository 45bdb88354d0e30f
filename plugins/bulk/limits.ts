/**
 * The limits Auth0 documents for user import and export jobs, and where each comes from. The plugin keeps to them by
 * default; each is an option, for a tenant whose limits differ.
 */

/**
 * Largest users file, in bytes of serialised JSON. Auth0: "The file size limit for a bulk import is 500KB"
 * (https://auth0.com/docs/manage-users/user-migration/bulk-user-imports); the API refuses a larger upload with
 * `413 Payload content length greater than maximum allowed: 512000`. 500,000 keeps the file under both readings of
 * "500KB" and leaves room for the multipart envelope.
 */
export const MAX_IMPORT_FILE_BYTES = 500_000;

/**
 * Import jobs a tenant runs at once. Auth0: "The create import users job endpoint has a limit of 2 concurrent import
 * jobs", a third is answered `429 There are 2 active import users jobs, please wait until some of them are finished
 * and try again` (same page, "Concurrent import jobs", and the Management API rate-limit policy).
 */
export const CONCURRENT_IMPORT_JOBS = 2;

/**
 * How long an import job may run before Auth0 fails it ("All user import jobs timeout after two (2) hours", same
 * page): the longest the plugin waits for a free job slot, and (with a margin for Auth0 to mark it failed) for a job.
 */
export const IMPORT_JOB_TIMEOUT_MS = 2 * 60 * 60 * 1000;

/** "All user export jobs timeout after eight (8) hours" (bulk user exports page). */
export const EXPORT_JOB_TIMEOUT_MS = 8 * 60 * 60 * 1000;

/** Past Auth0's own timeout, how long a job still reported running is waited for before the plugin gives up on it. */
export const JOB_TIMEOUT_MARGIN_MS = 15 * 60 * 1000;

/**
 * Fields an export may name: "You can export up to 30 fields" (https://auth0.com/docs/manage-users/user-migration/bulk-user-exports).
 * The download link of a finished export "is valid for 60 seconds", so the plugin downloads at once and asks the job
 * for a fresh link when one expired.
 */
export const MAX_EXPORT_FIELDS = 30;
