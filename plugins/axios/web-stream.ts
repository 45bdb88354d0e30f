import type { PipelineRequest } from "auth0";
import { isAsyncIterable, webStreamFromIterable } from "../shared/web-stream.js";
import { transportError } from "./transport-error.js";

/**
 * The response body as a web `ReadableStream`, whatever the adapter produced: the fetch adapter's stream as is, the
 * Node adapter's `IncomingMessage` (an async iterable) wrapped, and anything buffered (an adapter that cannot stream)
 * as a single chunk.
 */
export function toWebStream(data: unknown, request: PipelineRequest): ReadableStream<Uint8Array> {
  if (data instanceof ReadableStream) return data as ReadableStream<Uint8Array>;
  if (isAsyncIterable(data)) return webStreamFromIterable(data, (error) => transportError(error, request));
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes !== undefined && bytes.byteLength > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}
