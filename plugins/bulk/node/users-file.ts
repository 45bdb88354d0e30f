import { createReadStream } from "node:fs";
import { InvalidInputError } from "auth0";

/**
 * A users file on disk — a JSON array (Auth0's import format) or NDJSON (Auth0's export format) — as a source for
 * `importUsers`. It is read as the import goes, 64 KB at a time, never whole.
 */
export function usersFile(path: string): AsyncIterable<Uint8Array> {
  if (typeof path !== "string" || path === "") throw new InvalidInputError("path", "usersFile() needs a file path");
  return createReadStream(path, { highWaterMark: 64 * 1024 });
}
