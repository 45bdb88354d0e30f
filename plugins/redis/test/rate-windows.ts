/** What the tenant's request log says about the rate the fleet achieved. */
export interface RateFigures {
  readonly requests: number;
  /** The largest excess, over all windows [tᵢ, tⱼ] of the log, of requests counted over burst + rate × window. */
  readonly worstExcess: number;
  /** Requests after the first `burst`, per second, from the first to the last request. */
  readonly sustainedPerSecond: number;
  readonly seconds: number;
}

/** Check every window between two logged arrivals against the bucket (O(n²), fine for a few hundred requests). */
export function rateFigures(arrivals: readonly number[], limits: { burst: number; perSecond: number }): RateFigures {
  const times = [...arrivals].sort((a, b) => a - b);
  let worstExcess = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < times.length; i++) {
    for (let j = i; j < times.length; j++) {
      const allowed = limits.burst + (limits.perSecond * (times[j]! - times[i]!)) / 1000;
      worstExcess = Math.max(worstExcess, j - i + 1 - allowed);
    }
  }
  const seconds = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : 0;
  return { requests: times.length, worstExcess, sustainedPerSecond: seconds > 0 ? (times.length - limits.burst) / seconds : 0, seconds };
}
