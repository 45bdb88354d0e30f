import { setImmediate as turn, setTimeout as realDelay } from "node:timers/promises";
import type { Pipeline, ThrottleClock } from "auth0";

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * Fake time for a whole system in one process (client, throttle, retry link, mock tenant): time stands still while
 * anything is running and jumps to the next timer only when everything is idle. "Idle" is judged by `busy()`, which a
 * test points at whatever does real I/O (requests in flight to a loopback tenant), and by a few turns of the event
 * loop, so promise chains and socket callbacks settle first. A run is then as fast as the machine allows and its
 * timings are the same on every run, however loaded the machine.
 */
export class VirtualClock implements ThrottleClock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];

  constructor(start = Date.UTC(2030, 0, 1, 12, 0, 0, 250)) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly setTimer = (ms: number, callback: () => void): (() => void) => {
    const timer: Timer = { at: this.#now + (ms > 0 ? ms : 0), seq: this.#seq++, callback };
    this.#timers.push(timer);
    return () => {
      const index = this.#timers.indexOf(timer);
      if (index >= 0) this.#timers.splice(index, 1);
    };
  };

  /** The retry link's `sleep`, on this clock. */
  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const cancel = this.setTimer(ms, () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
      const onAbort = (): void => {
        cancel();
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    });

  get pendingTimers(): number {
    return this.#timers.length;
  }

  /**
   * Run `work` to its end: whenever nothing is busy for a few turns of the event loop, move time to the next timer and
   * fire it. With no timer set, something real is still under way that `busy()` cannot see (a WebCrypto digest on
   * libuv's thread pool takes as long as a loaded machine makes it), so the clock waits for it in real time; it fails
   * only when nothing has happened for `stallMs` of real time (a lost wake-up).
   */
  async run<T>(work: Promise<T>, busy: () => boolean = () => false, idleTurns = 3, stallMs = 15_000): Promise<T> {
    let settled = false;
    const tracked = work.finally(() => void (settled = true));
    tracked.catch(() => undefined);
    let idle = 0;
    let stalledSince: number | undefined;
    while (!settled) {
      await turn();
      if (settled) break;
      if (busy()) {
        idle = 0;
        continue;
      }
      if (++idle < idleTurns) continue;
      idle = 0;
      const next = this.#timers.reduce<Timer | undefined>((soonest, timer) => (soonest === undefined || timer.at < soonest.at || (timer.at === soonest.at && timer.seq < soonest.seq) ? timer : soonest), undefined);
      if (next === undefined) {
        stalledSince ??= performance.now();
        if (performance.now() - stalledSince > stallMs) throw new Error("VirtualClock: nothing runs and no timer is set, but the work has not finished");
        await realDelay(5);
        continue;
      }
      stalledSince = undefined;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
    }
    return tracked;
  }
}

/**
 * Count a client's requests on the wire (a link just inside the throttle): `VirtualClock.run(work, busy)` must not move
 * time while an answer is on its way.
 */
export function countRequestsOnTheWire(pipeline: Pipeline): () => boolean {
  let onTheWire = 0;
  pipeline.use(
    async (request, next) => {
      onTheWire += 1;
      try {
        return await next(request);
      } finally {
        onTheWire -= 1;
      }
    },
    { name: "onTheWire", ...(pipeline.has("throttle") ? { after: "throttle" } : { before: "timeout" }) },
  );
  return () => onTheWire > 0;
}
