/**
 * A Node stream (or any async iterable of chunks) as a web `ReadableStream<Uint8Array>`, for fetcher plugins whose
 * client hands back Node streams: read on demand (backpressure), chunks as plain `Uint8Array` views, errors mapped
 * by `mapError` (a dropped connection or an abort mid-body becomes the same error as before the headers), and a
 * cancel ends the iteration — which destroys the Node stream and so releases its connection. No `node:stream`
 * import, so a plugin using it can stay runtime-neutral.
 */
export function webStreamFromIterable(source: AsyncIterable<unknown>, mapError: (error: unknown) => Error): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let step: IteratorResult<unknown>;
      try {
        step = await iterator.next();
      } catch (error) {
        controller.error(mapError(error));
        return;
      }
      if (step.done) controller.close();
      else controller.enqueue(toBytes(step.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";
}

function toBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === "string") return new TextEncoder().encode(chunk);
  // A Node Buffer is a Uint8Array; hand up a plain view of the same memory, as fetch's streams do.
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  return new TextEncoder().encode(String(chunk));
}
