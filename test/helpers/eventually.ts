/**
 * Runs `check` until it passes, or throws its last failure once `boundMs` is spent: for a state that follows an event
 * the test cannot await (the far end of a socket closing). The bound only limits a failure; a pass never waits for it.
 * Unlike `vi.waitFor`, no timer of its own is pending while `check` runs, so a check may count the process's active
 * timers.
 */
export async function eventually(check: () => void | Promise<void>, boundMs = 10_000): Promise<void> {
  const deadline = performance.now() + boundMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
