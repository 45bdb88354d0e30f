import { identify, type UserIdentity } from "../identity.js";

/** One users file: a JSON array of users, at most `maxFileBytes` bytes as sent. */
export interface ImportChunk {
  /** 0, 1, … in source order: with the fingerprint, what a checkpoint knows the file by. */
  readonly index: number;
  /** Position in the source of the file's first user. */
  readonly firstUser: number;
  readonly users: number;
  /** The file, exactly as uploaded (`users-00000.json`; `size` is its bytes). */
  readonly file: File;
  /** Each user's position in the source, in file order (refused users leave gaps). */
  readonly positions: readonly number[];
  /** A 128-bit hash of the file's text: a restarted run recognises the file, or sees the source changed. */
  readonly fingerprint: string;
}

/**
 * Each user's identifying fields, in file order, read back from the file: only reports need them (a job that failed,
 * users it refused), so they are not kept for every user of every file while the jobs run.
 */
export async function identitiesOf(chunk: ImportChunk): Promise<UserIdentity[]> {
  const users = JSON.parse(await chunk.file.text()) as unknown[];
  return users.map(identify);
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

/**
 * Cuts the users into files no larger than `maxFileBytes`, measured in serialised UTF-8 bytes: the file is
 * `[` + users joined by `,` + `]`, so each user costs its JSON's byte length plus one. The same source and limit always
 * give the same files, which is what lets a checkpoint recognise them. Files are cut lazily, one at a time, as the
 * uploaders ask for them.
 */
export async function* chunkUsers(batches: AsyncIterable<readonly unknown[]>, maxFileBytes: number, observer: ChunkingObserver): AsyncGenerator<ImportChunk> {
  let parts: string[] = [];
  let positions: number[] = [];
  let bytes = 2;
  let firstUser = 0;
  let position = 0;
  let index = 0;

  const cut = (): ImportChunk => {
    // The text goes into the File as is (encoded once, by the runtime): no byte array of our own to wait for the GC.
    const text = `[${parts.join(",")}]`;
    const name = `users-${String(index).padStart(5, "0")}.json`;
    const chunk: ImportChunk = { index: index++, firstUser, users: parts.length, file: new File([text], name, { type: "application/json" }), positions, fingerprint: fingerprint(text) };
    parts = [];
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
        yield cut();
      }
      if (parts.length === 0) firstUser = at;
      bytes += (parts.length > 0 ? 1 : 0) + size;
      parts.push(json);
      positions.push(at);
    }
  }
  observer.read(position, true);
  if (parts.length > 0) yield cut();
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

/**
 * A 128-bit hash of the text's UTF-16 code units, built like MurmurHash3 x86-128 (four multiply-rotate lanes, a final
 * avalanche): fast, allocation-free, and far from colliding by accident — a checkpoint is matched against the same
 * source, not defended against a forger, so a cryptographic hash (and the byte copy it would need) buys nothing.
 */
export function fingerprint(text: string): string {
  const c1 = 0x239b961b;
  const c2 = 0xab0e9789;
  const c3 = 0x38b34ae5;
  const c4 = 0xa1e38b93;
  let h1 = 0x9747b28c;
  let h2 = h1;
  let h3 = h1;
  let h4 = h1;
  const word = (at: number): number => (text.charCodeAt(at) | (text.charCodeAt(at + 1) << 16)) >>> 0;
  const blocks = Math.floor(text.length / 8) * 8;
  for (let i = 0; i < blocks; i += 8) {
    let k1 = word(i);
    let k2 = word(i + 2);
    let k3 = word(i + 4);
    let k4 = word(i + 6);
    k1 = Math.imul(rotl(Math.imul(k1, c1), 15), c2);
    h1 ^= k1;
    h1 = Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b;
    k2 = Math.imul(rotl(Math.imul(k2, c2), 16), c3);
    h2 ^= k2;
    h2 = Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747;
    k3 = Math.imul(rotl(Math.imul(k3, c3), 17), c4);
    h3 ^= k3;
    h3 = Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35;
    k4 = Math.imul(rotl(Math.imul(k4, c4), 18), c1);
    h4 ^= k4;
    h4 = Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17;
  }
  // The tail (fewer than 8 code units) folds into all four lanes; the length is mixed in below.
  for (let i = blocks; i < text.length; i++) {
    const k = Math.imul(rotl(Math.imul(text.charCodeAt(i), c1), 15), c2);
    h1 ^= k;
    h2 ^= Math.imul(k, c3);
    h3 ^= Math.imul(k, c4);
    h4 ^= Math.imul(k, c2);
  }
  h1 ^= text.length;
  h2 ^= text.length;
  h3 ^= text.length;
  h4 ^= text.length;
  h1 = (h1 + h2 + h3 + h4) >>> 0;
  h2 = (h2 + h1) >>> 0;
  h3 = (h3 + h1) >>> 0;
  h4 = (h4 + h1) >>> 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) >>> 0;
  h2 = (h2 + h1) >>> 0;
  h3 = (h3 + h1) >>> 0;
  h4 = (h4 + h1) >>> 0;
  return [h1, h2, h3, h4].map((h) => h.toString(16).padStart(8, "0")).join("");
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
