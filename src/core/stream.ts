import { aliasAsyncIterator } from "./async-iterator.js";
/**
 * A server-sent-event stream as an async iterable of parsed events (`for await (const event of stream)`).
 * Breaking out of the loop, or the caller's abort signal, closes the connection.
 */
export class Stream<T> implements AsyncIterable<T> {
  readonly #body: ReadableStream<Uint8Array>;
  readonly #parse: (data: string, event: string | undefined) => T;
  readonly #signal: AbortSignal | undefined;

  constructor(
    body: ReadableStream<Uint8Array>,
    options: { parse?: (data: string, event: string | undefined) => T; signal?: AbortSignal | undefined } = {},
  ) {
    this.#body = body;
    this.#parse = options.parse ?? ((data) => JSON.parse(data) as T);
    this.#signal = options.signal;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T, void, undefined> {
    const reader = this.#body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
    const onAbort = (): void => void reader.cancel(this.#signal?.reason).catch(() => undefined);
    this.#signal?.addEventListener("abort", onAbort, { once: true });
    let buffer = "";
    let data: string[] = [];
    let event: string | undefined;
    try {
      for (;;) {
        if (this.#signal?.aborted) return;
        let chunk: ReadableStreamReadResult<string>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (this.#signal?.aborted) return;
          throw error;
        }
        if (chunk.done) break;
        buffer += chunk.value;
        let newline: number;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
          if (line === "") {
            if (data.length > 0) yield this.#parse(data.join("\n"), event);
            data = [];
            event = undefined;
          } else if (!line.startsWith(":")) {
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "data") data.push(value);
            else if (field === "event") event = value.trim();
          }
        }
      }
      if (data.length > 0) yield this.#parse(data.join("\n"), event);
    } finally {
      this.#signal?.removeEventListener("abort", onAbort);
      await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  }
}

aliasAsyncIterator(Stream.prototype);
