/**
 * Every timer the tenant starts goes through here, unref'd, so a test process can exit while one is pending and
 * `close()` can cancel all of them at once.
 */
export class TimerRegistry {
  readonly #pending = new Set<NodeJS.Timeout>();

  schedule(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.#pending.add(timer);
  }

  /** Resolves after `ms`; never resolves if the registry is cleared first (the socket it served is gone by then). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(ms, resolve));
  }

  clear(): void {
    for (const timer of this.#pending) clearTimeout(timer);
    this.#pending.clear();
  }
}
