import { identify, type UserIdentity } from "../identity.js";

/** One users file: a JSON array of users, at most `maxFileBytes` bytes as sent. */
export interface ImportChunk {
  /** 0, 1, … in source order: with the fingerprint, what a checkpoint knows the file by. */
  readonly index: number;
  /** Position in the source of the file's first user. */
  readonly firstUser: number;
  readonly users: number;
  /** The file, exactly as uploaded. */
  readonly body: Uint8Array;
  /** Each user's identifying fields, in file order (for reports; the body is dropped once uploaded). */
  readonly identities: readonly UserIdentity[];
  /** Each user's position in the source, in file order (refused users leave gaps). */
  readonly positions: readonly number[];
  /** SHA-256 of the body (hex, 128 bits): a restarted run recognises the file, or sees the source changed. */
  readonly fingerprint: string;
}

/** A user the plugin cannot send: not an object, or alone larger than a file may be. */
export interface RefusedUser {
  readonly index: number;
  readonly identity: UserIdentity;
  readonly code: "USER_NOT_AN_OBJECT" | "USER_TOO_LARGE";
  readonly message: string;
}

export interface ChunkingObserver {
  refused(user: RefusedUser): void;
  /** `read` users so far; `ended` once the source is exhausted. */
  read(read: number, ended: boolean): void;
}

const encoder = new TextEncoder();

/**
 * Cuts the users into files no larger than `maxFileBytes`, measured in serialised UTF-8 bytes: the file is
 * `[` + users joined by `,` + `]`, so each user costs its JSON's byte length plus one. The same source and limit always
 * give the same files, which is what lets a checkpoint recognise them. Files are cut lazily, one at a time, as the
 * uploaders ask for them.
 */
export async function* chunkUsers(batches: AsyncIterable<readonly unknown[]>, maxFileBytes: number, observer: ChunkingObserver): AsyncGenerator<ImportChunk> {
  let parts: string[] = [];
  let identities: UserIdentity[] = [];
  let positions: number[] = [];
  let bytes = 2;
  let firstUser = 0;
  let position = 0;
  let index = 0;

  const cut = async (): Promise<ImportChunk> => {
    const body = encoder.encode(`[${parts.join(",")}]`);
    const chunk: ImportChunk = { index: index++, firstUser, users: parts.length, body, identities, positions, fingerprint: await fingerprint(body) };
    parts = [];
    identities = [];
    positions = [];
    bytes = 2;
    return chunk;
  };

  for await (const batch of batches) {
    for (const user of batch) {
      const at = position++;
      if (typeof user !== "object" || user === null || Array.isArray(user)) {
        observer.refused({ index: at, identity: {}, code: "USER_NOT_AN_OBJECT", message: "Each user must be a JSON object" });
        continue;
      }
      const json = JSON.stringify(user);
      const size = utf8Length(json);
      if (size + 2 > maxFileBytes) {
        observer.refused({ index: at, identity: identify(user), code: "USER_TOO_LARGE", message: `The user alone is ${size + 2} bytes as a users file; a file may be at most ${maxFileBytes}` });
        continue;
      }
      if (parts.length > 0 && bytes + 1 + size > maxFileBytes) {
        observer.read(at, false);
        yield await cut();
      }
      if (parts.length === 0) firstUser = at;
      bytes += (parts.length > 0 ? 1 : 0) + size;
      parts.push(json);
      identities.push(identify(user));
      positions.push(at);
    }
  }
  observer.read(position, true);
  if (parts.length > 0) yield await cut();
}

/** Bytes of a string in UTF-8, without encoding it (JSON.stringify never leaves a lone surrogate). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2;
      i += 1;
    } else bytes += 2;
  }
  return bytes;
}

async function fingerprint(body: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body as Uint8Array<ArrayBuffer>));
  return Array.from(digest.subarray(0, 16), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
