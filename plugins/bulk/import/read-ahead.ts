/**
 * Keeps up to `depth` items of an async generator ready: the next users file is cut while the jobs before it run,
 * so an uploader that frees up sends at once. Items are asked for in order and handed out in order. A failure is
 * handed to whoever takes that item (never left unhandled); `return()` lets the source go once the items already
 * asked for are made.
 */
export function readAhead<T>(source: AsyncGenerator<T>, depth: number): AsyncGenerator<T> {
  const ready: Array<Promise<IteratorResult<T>>> = [];
  let ended = false;
  const fill = (): void => {
    while (!ended && ready.length < depth) {
      const next = source.next();
      next.then((result) => void (result.done && (ended = true)), () => void (ended = true));
      ready.push(next);
    }
  };
  const reader: AsyncGenerator<T> = {
    next() {
      fill();
      const next = ready.shift() ?? source.next();
      fill();
      return next;
    },
    async return(value) {
      ended = true;
      await Promise.allSettled(ready.splice(0));
      return source.return(value as never);
    },
    throw: (error) => source.throw(error),
    [Symbol.asyncIterator]: () => reader,
  } as AsyncGenerator<T>;
  return reader;
}
