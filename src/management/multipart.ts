import { InvalidInputError } from "../core/errors.js";
import type { MultipartPart } from "./endpoint.js";

/**
 * Build the multipart body of an upload endpoint from its request object. Fields go as text; a field the endpoint
 * always sends (no `o` flag) must be there: v5 would send the text "undefined".
 */
export async function buildMultipart(parts: readonly MultipartPart[], request: Record<string, unknown>): Promise<FormData> {
  const form = new FormData();
  for (const [wire, kind, flags = ""] of parts) {
    const value = request[wire];
    if (value === undefined || value === null) {
      if (kind === "file") throw new InvalidInputError(`request.${wire}`, `"${wire}" is required: a File, Blob, bytes or a stream`);
      if (!flags.includes("o")) throw new InvalidInputError(`request.${wire}`, `"${wire}" is required`);
      continue;
    }
    if (kind === "file") {
      const { blob, filename } = await filePart(value, wire);
      // Without a name, FormData calls the part "blob", as in v5.
      if (filename) form.append(wire, blob, filename);
      else form.append(wire, blob);
    } else {
      form.append(wire, String(value));
    }
  }
  return form;
}

/** What v5 reads off an upload: the data, and the name and type given or found on it. */
interface Described {
  readonly data: unknown;
  readonly filename: string | undefined;
  readonly contentType: string | undefined;
}

/**
 * A file part as v5 builds it (fern's `toMultipartDataPart` and its FormData wrapper): a `Blob`/`File` goes as it
 * is; bytes and streams become a `Blob` of the given `contentType` (none: the part says
 * `application/octet-stream`). The file name is the one given, else a `File`'s name or a file stream's base name;
 * with none, FormData names the part "blob". `{ data, filename?, contentType? }` and `{ path, filename?,
 * contentType? }` (read from disk where the runtime has `node:fs`) spell them out.
 */
async function filePart(value: unknown, wire: string): Promise<{ blob: Blob; filename: string | undefined }> {
  const { data, filename, contentType } = await describe(value, wire);
  if (data instanceof Blob) return { blob: data, filename };
  const type = contentType === undefined ? {} : { type: contentType };
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return { blob: new Blob([data as BlobPart], type), filename };
  if (typeof data === "string") return { blob: new Blob([data], type), filename };
  if (isAsyncIterable(data) || isReadableStream(data)) {
    // A stream is read once here (as v5 does), so a retried upload can send the same bytes again.
    const chunks: BlobPart[] = [];
    for await (const chunk of asyncChunks(data)) chunks.push(typeof chunk === "string" ? chunk : (chunk as BlobPart));
    return { blob: new Blob(chunks, type), filename };
  }
  if (isFileLike(data)) throw new InvalidInputError(`request.${wire}`, `"${wire}": this kind of stream cannot be read; pass a Node or web stream`);
  // `{ data: [...users] }`: v5 sends other objects as JSON, and anything else as its text.
  if (typeof data === "object" && data !== null) return { blob: new Blob([JSON.stringify(data)], { type: contentType ?? "application/json" }), filename };
  return { blob: new Blob([String(data)], type), filename };
}

async function describe(value: unknown, wire: string): Promise<Described> {
  if (isFileLike(value)) return { data: value, filename: nameOf(value), contentType: value instanceof Blob ? value.type : undefined };
  if (typeof value !== "object" || value === null) {
    throw new InvalidInputError(`request.${wire}`, `"${wire}" must be a File, Blob, Buffer, Uint8Array, ArrayBuffer, ReadableStream or Node stream`);
  }
  const spelled = value as { path?: unknown; data?: unknown; filename?: unknown; contentType?: unknown };
  const filename = typeof spelled.filename === "string" ? spelled.filename : undefined;
  const contentType = typeof spelled.contentType === "string" ? spelled.contentType : undefined;
  if ("path" in spelled) {
    const path = String(spelled.path);
    return { data: await readFile(path, wire), filename: filename ?? baseName(path), contentType };
  }
  if ("data" in spelled) {
    const data = spelled.data;
    return { data, filename: filename ?? nameOf(data), contentType: contentType ?? (data instanceof Blob ? data.type : undefined) };
  }
  throw new InvalidInputError(`request.${wire}`, `"${wire}" must be a file, or { data, filename?, contentType? }`);
}

/** v5's `isFileLike`: bytes, a Blob/File, or a stream (web, or Node's: anything with `read` or `pipe`). */
function isFileLike(value: unknown): boolean {
  if (value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  return typeof value === "object" && value !== null && ("read" in value || "pipe" in value || "getReader" in value);
}

/** A `File`'s name, or the base name of a file stream's path (`fs.createReadStream("/x/users.json")` → users.json). */
function nameOf(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const { name, path } = data as { name?: unknown; path?: unknown };
  if (typeof name === "string") return name || undefined;
  if (path !== undefined && path !== null) return baseName(String(path)) || undefined;
  return undefined;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

type ReadFile = (path: string) => Promise<Uint8Array>;

/**
 * `{ path }` uploads read the file with `node:fs`, reached through `process.getBuiltinModule` (Node ≥ 20.16, Bun,
 * Deno) so the core imports no Node module; elsewhere they are refused.
 */
async function readFile(path: string, wire: string): Promise<Uint8Array> {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = runtime?.getBuiltinModule?.("node:fs") as { promises?: { readFile?: ReadFile } } | undefined;
  const read = fs?.promises?.readFile;
  if (read === undefined) {
    throw new InvalidInputError(`request.${wire}`, `"${wire}": { path } uploads need node:fs; pass the file's bytes or a stream as { data } instead`);
  }
  try {
    return await read(path);
  } catch (error) {
    throw new InvalidInputError(`request.${wire}`, `"${wire}": cannot read ${JSON.stringify(path)} (${(error as { code?: unknown }).code ?? "error"})`);
  }
}

function isReadableStream(value: unknown): value is ReadableStream<unknown> {
  return typeof ReadableStream !== "undefined" && value instanceof ReadableStream;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}

async function* asyncChunks(source: unknown): AsyncGenerator<unknown> {
  if (isAsyncIterable(source)) {
    yield* source;
    return;
  }
  const reader = (source as ReadableStream<unknown>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
