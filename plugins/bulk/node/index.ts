/**
 * auth0/plugins/bulk/node: the Node-only helpers of `auth0/plugins/bulk` — a users file on disk as an import source,
 * and a checkpoint kept in a file.
 *
 * @packageDocumentation
 */
export { fileCheckpoint } from "./file-checkpoint.js";
export { usersFile } from "./users-file.js";
