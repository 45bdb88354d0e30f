/** A Node.js readable stream, described structurally so the core needs no Node types. */
export interface NodeReadableLike {
  pipe: unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}

/** A file to upload: a `File`/`Blob`, bytes, a web `ReadableStream`, or a Node readable stream. */
export type Uploadable = Uploadable.FileLike;

/** v5's names for the forms of an upload. */
export declare namespace Uploadable {
  /** The file's content. */
  type FileLike = Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array> | NodeReadableLike;
  /** Content with its file name and type spelled out (this package's `NamedUpload`). */
  interface WithMetadata {
    data: FileLike;
    filename?: string;
    contentType?: string;
    contentLength?: number;
  }
  /**
   * v5's file-on-disk form. The core reads no files (it runs where there is no file system): pass the content, e.g.
   * `fs.createReadStream(path)` or `await fs.promises.readFile(path)`.
   */
  interface FromPath {
    path: string;
    filename?: string;
    contentType?: string;
    contentLength?: number;
  }
}

/** An upload with its file name and type spelled out. */
export interface NamedUpload {
  data: Uploadable;
  filename?: string;
  contentType?: string;
}
