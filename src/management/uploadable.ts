/** A Node.js readable stream, described structurally so the core needs no Node types. */
export interface NodeReadableLike {
  pipe: unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}

/** A file to upload: a `File`/`Blob`, bytes, a web `ReadableStream`, or a Node readable stream. */
export type Uploadable = Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array> | NodeReadableLike;

/** An upload with its file name and type spelled out. */
export interface NamedUpload {
  data: Uploadable;
  filename?: string;
  contentType?: string;
}
