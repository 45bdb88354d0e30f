import { InvalidInputError } from "auth0";
import { usersOfFile } from "./users-file.js";

/**
 * A user in Auth0's bulk import format (https://auth0.com/docs/manage-users/user-migration/bulk-user-import-database-schema-and-examples).
 * The plugin sends each as given; only its identifying fields appear in reports.
 */
export interface ImportUser {
  email?: string;
  email_verified?: boolean;
  user_id?: string;
  username?: string;
  given_name?: string;
  family_name?: string;
  name?: string;
  nickname?: string;
  picture?: string;
  blocked?: boolean;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  password_hash?: string;
  custom_password_hash?: Record<string, unknown>;
  mfa_factors?: readonly Record<string, unknown>[];
  [field: string]: unknown;
}

/**
 * What `importUsers` reads: the users themselves (an array, any iterable or async iterable, a Node object-mode
 * stream), or the bytes of a users file — a JSON array or NDJSON — as a web `ReadableStream`, a `Blob`/`File`, a
 * Node readable stream, bytes, or any async iterable of byte or string chunks. A path on disk:
 * `usersFile(path)` from `auth0/plugins/bulk/node`.
 */
export type UsersSource =
  | Iterable<ImportUser>
  | AsyncIterable<ImportUser>
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Blob
  | Uint8Array;

/** Users are handed on in batches: one await per batch, not per user, keeps a million users cheap to cut. */
const BATCH = 1024;

/** The users of a source, in batches. Checks the source's kind now, before anything is sent. */
export function usersOf(source: UsersSource): { users: AsyncIterable<readonly unknown[]>; total: number | undefined } {
  if (typeof source === "string") {
    throw new InvalidInputError("source", "importUsers() takes users, a stream or a Blob, not a string: for a file on disk use usersFile(path) from auth0/plugins/bulk/node");
  }
  if (source instanceof Uint8Array) return { users: usersOfFile(once(source)), total: undefined };
  if (typeof Blob !== "undefined" && source instanceof Blob) return { users: usersOfFile(readStream(source.stream())), total: undefined };
  if (typeof ReadableStream !== "undefined" && source instanceof ReadableStream) return { users: usersOfFile(readStream(source)), total: undefined };
  if (Array.isArray(source)) return { users: fromIterable(source), total: source.length };
  if (isObject(source) && Symbol.asyncIterator in source) return { users: sniff(source as AsyncIterable<unknown>), total: undefined };
  if (isObject(source) && Symbol.iterator in source) return { users: fromIterable(source as Iterable<unknown>), total: undefined };
  throw new InvalidInputError("source", "importUsers() takes an array or (async) iterable of users, or a users file as a ReadableStream, Blob, Node stream or bytes");
}

/** An async iterable either yields users or the chunks of a file: its first item says which. */
async function* sniff(source: AsyncIterable<unknown>): AsyncGenerator<readonly unknown[]> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const rest: AsyncIterable<unknown> = { [Symbol.asyncIterator]: () => iterator };
  if (isChunk(first.value)) {
    yield* usersOfFile(chunks(first.value, rest));
  } else {
    yield [first.value];
    for await (const user of rest) yield [user];
  }
}

async function* chunks(first: Uint8Array | string, rest: AsyncIterable<unknown>): AsyncGenerator<Uint8Array | string> {
  yield first;
  for await (const chunk of rest) {
    if (!isChunk(chunk)) throw new InvalidInputError("source", "A users file stream yielded something other than bytes or text");
    yield chunk;
  }
}

async function* fromIterable(source: Iterable<unknown>): AsyncGenerator<readonly unknown[]> {
  let batch: unknown[] = [];
  for (const user of source) {
    if (batch.push(user) === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function* readStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopped early (an abort, an error): let the stream's source go.
    await reader.cancel().catch(() => undefined);
  }
}

function isChunk(value: unknown): value is Uint8Array | string {
  return typeof value === "string" || value instanceof Uint8Array;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}
