/** One answer the meter may measure from: what it proved about the bucket, and when. */
interface Anchor {
  /** The bucket held fewer than this many tokens just after the tenant handled the request. */
  readonly below: number;
  readonly sentAt: number;
  readonly receivedAt: number;
  /** Answers that took a token, received up to and including this one. */
  readonly takesAtReceipt: number;
  /** Requests still out when this answer arrived: any of them may have been handled before or after it. */
  readonly inFlightAtReceipt: number;
}

/** What the meter needs to know of a later answer. */
export interface MeteredAnswer {
  /** The bucket held at least this many tokens just after the tenant handled the request. */
  readonly atLeast: number;
  /** The request took a token (it was not refused). */
  readonly took: boolean;
  readonly sentAt: number;
  readonly receivedAt: number;
  /** Answers that took a token, received before this request left. */
  readonly takesAtSend: number;
}

/** Keep one anchor per this many ms, and this many of them: a window of about 8 s. */
const ANCHOR_SPACING_MS = 500;
const MAX_ANCHORS = 16;

/**
 * Measures the refill rate from the tenant's own counts, never from what `reset` might mean. Between an anchor A and
 * a later answer B the bucket gained at least (tokens after B) − (tokens after A) + (tokens taken in between); only
 * takes that certainly fell in between are counted (sent after A's answer arrived, answered before B left), the
 * tenant handled A after A left and B before B's answer came, so the gain took at most B.receivedAt − A.sentAt. The
 * result is a lower bound on the refill rate of a bucket that refills steadily — whatever `reset` means, and even
 * when another application spends the same limit (then it is the rate left for this client).
 */
export class RefillMeter {
  #anchors: Anchor[] = [];

  /** Forget every anchor (after a 429: the tenant just proved the old picture wrong). */
  clear(): void {
    this.#anchors = [];
  }

  /** The best lower bound on the refill rate that `answer` proves against any anchor, tokens per ms (0: none). */
  measure(answer: MeteredAnswer): number {
    let best = 0;
    for (const anchor of this.#anchors) {
      if (answer.sentAt <= anchor.receivedAt) continue; // B may have been handled before A
      const between = answer.takesAtSend - anchor.takesAtReceipt - anchor.inFlightAtReceipt;
      const gained = answer.atLeast - anchor.below + Math.max(0, between) + (answer.took ? 1 : 0);
      const span = answer.receivedAt - anchor.sentAt;
      if (gained > 0 && span > 0) best = Math.max(best, gained / span);
    }
    return best;
  }

  /** Remember an answer that bounds the bucket from above (a count, or a 429). */
  anchor(anchor: Anchor): void {
    const last = this.#anchors[this.#anchors.length - 1];
    if (last !== undefined && anchor.receivedAt - last.receivedAt < ANCHOR_SPACING_MS) {
      // Within the spacing: keep whichever says the bucket was emptier (a tighter bound).
      if (anchor.below - anchor.inFlightAtReceipt <= last.below - last.inFlightAtReceipt) this.#anchors[this.#anchors.length - 1] = anchor;
      return;
    }
    this.#anchors.push(anchor);
    if (this.#anchors.length > MAX_ANCHORS) this.#anchors.shift();
  }
}
