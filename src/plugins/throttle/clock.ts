import { setTimer } from "../../internal/timer.js";

/**
 * Where the throttle reads the time and sets its timers. The default is the system clock; a test gives a fake one to
 * run a long burst in no time and the same way every run.
 */
export interface ThrottleClock {
  /** Epoch milliseconds (the tenant's `x-ratelimit-reset` is epoch seconds). */
  now(): number;
  /** Run `callback` after `ms`; returns a function that cancels it. */
  setTimer(ms: number, callback: () => void): () => void;
}

export const systemClock: ThrottleClock = { now: () => Date.now(), setTimer };
