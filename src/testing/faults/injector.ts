import type { Fault, FaultMatch, FaultRule } from "./fault.js";

/** A fault waiting for requests. `remaining` counts down as matching requests are spoiled. */
export interface InjectedFault {
  readonly id: number;
  readonly match: FaultMatch;
  readonly fault: Fault;
  readonly remaining: number;
  /** How many requests it has already been applied to. */
  readonly applied: number;
  cancel(): void;
}

export interface FaultInjector {
  /** Queue a fault for the next `times` requests that match. Earlier injections are tried first. */
  inject(rule: FaultRule): InjectedFault;
  /** Remove every pending fault. */
  clear(): void;
  /** Faults that still have requests to spoil. */
  pending(): readonly InjectedFault[];
}

class QueuedFault implements InjectedFault {
  remaining: number;
  applied = 0;

  constructor(
    readonly id: number,
    readonly match: FaultMatch,
    readonly fault: Fault,
    times: number,
    private readonly remove: (fault: QueuedFault) => void,
  ) {
    this.remaining = times;
  }

  matches(method: string, path: string): boolean {
    const { method: wantedMethod, path: wantedPath } = this.match;
    if (wantedMethod !== undefined && wantedMethod.toUpperCase() !== method.toUpperCase()) return false;
    if (wantedPath === undefined) return true;
    if (typeof wantedPath === "string") return path.startsWith(wantedPath);
    wantedPath.lastIndex = 0;
    return wantedPath.test(path);
  }

  cancel(): void {
    this.remaining = 0;
    this.remove(this);
  }
}

export class FaultQueue implements FaultInjector {
  #nextId = 1;
  #queue: QueuedFault[] = [];

  inject(rule: FaultRule): InjectedFault {
    const times = rule.times ?? 1;
    if (!(times > 0)) throw new RangeError("times must be a positive number (or Infinity)");
    const queued = new QueuedFault(this.#nextId++, rule.match ?? {}, rule.fault, times, (f) => this.#remove(f));
    this.#queue.push(queued);
    return queued;
  }

  clear(): void {
    for (const queued of this.#queue) queued.remaining = 0;
    this.#queue = [];
  }

  pending(): readonly InjectedFault[] {
    return [...this.#queue];
  }

  /** The fault for this request, if any; consumes one of its `times`. */
  take(method: string, path: string): Fault | undefined {
    const queued = this.#queue.find((candidate) => candidate.matches(method, path));
    if (!queued) return undefined;
    queued.remaining -= 1;
    queued.applied += 1;
    if (queued.remaining <= 0) this.#remove(queued);
    return queued.fault;
  }

  #remove(queued: QueuedFault): void {
    this.#queue = this.#queue.filter((candidate) => candidate !== queued);
  }
}
