/**
 * The longest delay `setTimeout` honours: 2^31 − 1 ms (24.8 days). Anything longer fires after 1 ms in Node and in
 * browsers, which turns a long wait into a busy loop.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Run `callback` after `ms` (zero, negative or NaN: on the next turn). A delay longer than `setTimeout` can hold is
 * served in steps of at most `MAX_TIMER_MS` instead of overflowing. Returns a function that cancels it.
 */
export function setTimer(ms: number, callback: () => void): () => void {
  let left = ms > 0 ? ms : 0;
  let handle: ReturnType<typeof setTimeout>;
  const arm = (): void => {
    const step = Math.min(left, MAX_TIMER_MS);
    left -= step;
    handle = setTimeout(() => (left > 0 ? arm() : callback()), step);
  };
  arm();
  return () => clearTimeout(handle);
}
