import type { PipelineRequest } from "auth0";
import { transportError } from "./transport-error.js";

/**
 * The response body as a web `ReadableStream`, whatever the adapter produced: the fetch adapter's stream as is, the
 * Node adapter's `IncomingMessage` (an async iterable) wrapped — without importing `node:stream`, so the plugin stays
 * runtime-neutral — and anything buffered (an adapter that cannot stream) as a single chunk.
 */
export function toWebStream(data: unknown, request: PipelineRequest): ReadableStream<Uint8Array> {
  if (data instanceof ReadableStream) return data as ReadableStream<Uint8Array>;
  if (isAsyncIterable(data)) return fromAsyncIterable(data, request);
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes !== undefined && bytes.byteLength > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

function fromAsyncIterable(source: AsyncIterable<unknown>, request: PipelineRequest): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let step: IteratorResult<unknown>;
      try {
        step = await iterator.next();
      } catch (error) {
        // A caller's abort or a dropped connection mid-body: the same errors as a failure before the headers.
        controller.error(transportError(error, request));
        return;
      }
      if (step.done) controller.close();
      else controller.enqueue(toBytes(step.value));
    },
    // Ending the iteration destroys the Node stream, which releases the connection.
    async cancel() {
      await iterator.return?.();
    },
  });
}

function toBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === "string") return new TextEncoder().encode(chunk);
  // A Node Buffer is a Uint8Array; hand up a plain view of the same memory, as fetch's streams do.
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  return new TextEncoder().encode(String(chunk));
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}
