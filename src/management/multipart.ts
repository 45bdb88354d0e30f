import { InvalidInputError } from "../core/errors.js";
import type { MultipartPart } from "./endpoint.js";
import type { NamedUpload, Uploadable } from "./uploadable.js";

/** Build the multipart body of an upload endpoint from its request object. */
export async function buildMultipart(parts: readonly MultipartPart[], request: Record<string, unknown>): Promise<FormData> {
  const form = new FormData();
  for (const [wire, kind, flags = ""] of parts) {
    const value = request[wire];
    if (value === undefined || value === null) {
      if (kind === "file") throw new InvalidInputError(`request.${wire}`, `"${wire}" is required: a File, Blob, bytes or a stream`);
      continue;
    }
    if (kind === "file") {
      const { blob, filename } = await toBlob(value as Uploadable | NamedUpload, wire);
      form.append(wire, blob, filename);
    } else {
      form.append(wire, flags.includes("s") || typeof value !== "string" ? String(value) : value);
    }
  }
  return form;
}

async function toBlob(value: Uploadable | NamedUpload, wire: string): Promise<{ blob: Blob; filename: string }> {
  const named = isNamedUpload(value) ? value : undefined;
  const data = named ? named.data : (value as Uploadable);
  const type = named?.contentType ?? "application/json";
  const fallbackName = named?.filename ?? `${wire}.json`;
  if (typeof Blob !== "undefined" && data instanceof Blob) {
    const fileName = (data as Blob & { name?: unknown }).name;
    return { blob: data, filename: named?.filename ?? (typeof fileName === "string" && fileName !== "" ? fileName : fallbackName) };
  }
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    return { blob: new Blob([data as BlobPart], { type }), filename: fallbackName };
  }
  if (isAsyncIterable(data) || (typeof ReadableStream !== "undefined" && data instanceof ReadableStream)) {
    // A stream is read once here, so a retried upload can send the same bytes again.
    const chunks: BlobPart[] = [];
    for await (const chunk of asyncChunks(data)) chunks.push(typeof chunk === "string" ? chunk : (chunk as BlobPart));
    return { blob: new Blob(chunks, { type }), filename: fallbackName };
  }
  throw new InvalidInputError(`request.${wire}`, `"${wire}" must be a File, Blob, Uint8Array, ArrayBuffer, ReadableStream or Node stream`);
}

function isNamedUpload(value: unknown): value is NamedUpload {
  return typeof value === "object" && value !== null && "data" in value && !(typeof Blob !== "undefined" && value instanceof Blob);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}

async function* asyncChunks(source: unknown): AsyncGenerator<unknown> {
  if (isAsyncIterable(source)) {
    yield* source;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
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
