/**
 * How far the client's clock is from the tenant's, learned from the `date` header: an answer stamped D (whole
 * seconds) was written at some moment in [D, D + 1 s), after the request left and before the answer arrived, so
 * (client − tenant) lies in [sentAt − D − 1 s, receivedAt − D]. Each answer narrows the interval. The offset used is 0
 * while 0 is in it (clocks in sync, the usual case), else its upper end, which errs towards waiting a little longer: a
 * client clock that is off then still reads the tenant's `reset` as the tenant meant it, instead of waiting an hour or
 * not at all.
 */
export class ClockOffset {
  #low = Number.NEGATIVE_INFINITY;
  #high = Number.POSITIVE_INFINITY;

  /** Milliseconds to add to a time on the tenant's clock to get the client's. */
  get ms(): number {
    return this.#low <= 0 && this.#high >= 0 ? 0 : this.#high;
  }

  observe(date: number | undefined, sentAt: number, receivedAt: number): void {
    if (date === undefined) return;
    const low = sentAt - date - 1000;
    const high = receivedAt - date;
    if (low > this.#high || high < this.#low) {
      // One of the clocks jumped (or a proxy stamped the answer): start over from this answer.
      this.#low = low;
      this.#high = high;
      return;
    }
    this.#low = Math.max(this.#low, low);
    this.#high = Math.min(this.#high, high);
  }
}
