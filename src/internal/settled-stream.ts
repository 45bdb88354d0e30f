/**
 * `body` as a stream that calls `settled` once, when it is read to the end, cancelled or fails: the moment whatever
 * was kept alive for it (an abort listener on the caller's signal) can go.
 */
export function onSettled<T>(body: ReadableStream<T>, settled: () => void): ReadableStream<T> {
  const reader = body.getReader();
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    settled();
  };
  return new ReadableStream<T>(
    {
      async pull(controller) {
        let chunk: ReadableStreamReadResult<T>;
        try {
          chunk = await reader.read();
        } catch (error) {
          finish();
          controller.error(error);
          return;
        }
        if (chunk.done) {
          finish();
          controller.close();
        } else {
          controller.enqueue(chunk.value);
        }
      },
      cancel(reason) {
        finish();
        return reader.cancel(reason);
      },
    },
    // Read nothing ahead: a chunk is pulled when the consumer asks for one.
    { highWaterMark: 0 },
  );
}
