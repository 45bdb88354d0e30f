import { ClockOffset } from "./clock-offset.js";
import { namedWait, readRateLimit, resetTime, type RateLimitReading } from "./rate-limit-headers.js";
import { RefillMeter } from "./refill-meter.js";

/** A request the state let through, as it left. */
export interface Ticket {
  readonly sentAt: number;
  /** Answers that took a token, received before it left. */
  readonly takesAtSend: number;
  /** It left on the refill estimate while the tenant's own `reset` was still ahead. */
  readonly early: boolean;
  /** It left on a token the tenant's count showed (or a time a 429 named). */
  readonly counted: boolean;
}

export interface RateLimitStateOptions {
  /** Longest single wait (a pause after a 429, a wait for the next token): default 60 s. */
  readonly maxWaitMs?: number;
}

/** A 429 drops the rate to at most this share of the rate that drew it (and never below `MIN_DROP` of it)… */
const DROP = 0.9;
const MIN_DROP = 0.5;
/** … and it then grows back by this share of that rate per second, up to `RECOVERED` of it, … */
const RECOVERY_PER_SECOND = 0.1;
const RECOVERED = 0.95;
/** … where it stays this long before it probes higher again. */
const HOLD_MS = 10_000;
/** A 429 that names no time pauses the bucket 1 s, doubled for each such 429 in a row (the retry link's backoff). */
const UNNAMED_PAUSE_MS = 1000;
/** Before anything is known, the window of requests out at once doubles this often, however slow the answers. */
const SLOW_START_DOUBLING_MS = 1000;
/** How long the bucket trusts that tokens come only at `reset` after an early request drew a 429. */
const REFILL_AT_RESET_MS = 30_000;

/**
 * What a client knows of one rate-limit bucket of the tenant, and when the next request may leave.
 *
 * It assumes as little as it can. `x-ratelimit-remaining` is a count: it is taken as is, less the requests still
 * out. `x-ratelimit-reset` is read only as "by then at least one more token is there", true whether it names the
 * second the bucket is full, the second the next token arrives, or the end of a fixed window. The refill rate is
 * measured from the counts over time ({@link RefillMeter}), never derived from `reset`. A 429 is the truth: the
 * bucket is empty, nothing leaves until the time it names (the earlier of `retry-after` and `reset`, else a backoff),
 * and the rate drops — to what was measured, by at least 10%, at most by half — then grows back additively. Without
 * counts it starts slowly and measures the rate from one 429 to the next. A request sent
 * early on the rate estimate that still meets a 429 shows a tenant that refills only at `reset` (a fixed window):
 * for a while the bucket then waits for `reset` whenever it is empty. Every wait is capped at `maxWaitMs`.
 */
export class RateLimitState {
  readonly #maxWaitMs: number;
  readonly #meter = new RefillMeter();
  readonly #offset = new ClockOffset();

  #firstSentAt: number | undefined;
  /** The tenant has shown a limit: a count or a 429. Until then only the slow start holds requests back. */
  #limited = false;
  /** `x-ratelimit-limit`, when answers carry it. */
  #size: number | undefined;
  /** The last answer carried `x-ratelimit-remaining`: the estimate is corrected by each such answer. */
  #counted = false;

  #tokens = 0;
  /** The estimate without the refill since the last answer: what the tenant's own word covers. */
  #told = 0;
  #updatedAt = 0;
  /** Refill rate in tokens per ms; 0 while unknown. */
  #rate = 0;
  /** After a 429: the rate it dropped to, and when; the rate grows back from there. */
  #dropped: { readonly rate: number; readonly at: number; readonly slope: number; readonly cap: number } | undefined;

  #pausedUntil = 0;
  /** When the last 429 named a time: the moment the bucket reopens (retries wait for it in the queue). */
  #retryAt: number | undefined;
  #unnamedPauses = 0;
  /** Time of the last 429 that changed anything: later 429s of requests sent before it are its echoes. */
  #lastDropAt = Number.NEGATIVE_INFINITY;
  #takesAtLastDrop = 0;
  /** The tenant's word that at `at` it holds `tokens` more than the estimate had then, less what left since. */
  #promise: { readonly at: number; readonly tokens: number; readonly sentMark: number } | undefined;
  /** Until when an empty bucket waits for `reset` instead of the refill estimate. */
  #refillAtResetUntil = 0;
  /** After a 429 for a request the count had room for: the share of the count this client then takes, and when. */
  #contended: { readonly share: number; readonly at: number } | undefined;
  /** Proof that tokens arrive before `reset` (a request let through early was not refused). */
  #refillsSteadily = false;

  #probing = false;
  /** While neither a rate nor a time is known: how many requests may be out at once (grows by one per success). */
  #probes = 1;
  #inFlight = 0;
  #sent = 0;
  #takes = 0;

  constructor(options: RateLimitStateOptions = {}) {
    this.#maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Requests let through and not answered yet. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * After a 429 that named a time: when the bucket reopens (its retry waits in the queue for it). After a bare 429:
   * undefined, and the retry link's own backoff applies.
   */
  get retryAt(): number | undefined {
    return this.#retryAt;
  }

  /**
   * The last `wait()` that let a request go did so to probe (nothing known, or a 429 with no rate known yet), not on a
   * token counted or estimated: the request may well be refused, so a first attempt should go rather than a retry.
   */
  get probing(): boolean {
    return this.#probing;
  }

  /** The refill rate in use, tokens per second (0: not known). */
  get ratePerSecond(): number {
    return this.#rate * 1000;
  }

  /**
   * Milliseconds until a request may leave: 0 now, `Infinity` when only an answer to a request in flight can tell
   * (every other wait is at most `maxWaitMs`).
   */
  wait(now: number): number {
    this.#probing = false;
    if (now < this.#pausedUntil) return Math.min(this.#pausedUntil - now, this.#maxWaitMs);
    if (!this.#limited) {
      this.#probing = true;
      // Nothing known yet: one request learns the bucket, then one more may be out per success (a slow start, so a
      // tenant that sends no counts meets a few 429s rather than a burst of them). Slow answers must not hold the rest
      // back for long: the window also doubles every second from the first request.
      const since = now - (this.#firstSentAt ?? now);
      const doublings = Math.floor(since / SLOW_START_DOUBLING_MS);
      if (this.#inFlight < Math.max(this.#probes, 2 ** Math.min(doublings, 30))) return 0;
      return (doublings + 1) * SLOW_START_DOUBLING_MS - since;
    }
    this.#refill(now);
    this.#keepPromise(now);
    if (this.#tokens >= 1) return 0;
    let wait = Number.POSITIVE_INFINITY;
    if (this.#rate > 0 && !(now < this.#refillAtResetUntil)) wait = (1 - this.#tokens) / this.#rate;
    const promise = this.#promise;
    if (promise !== undefined && this.#promisedTokens(promise) >= 1) wait = Math.min(wait, promise.at - now);
    if (wait === Number.POSITIVE_INFINITY) {
      // Neither a rate nor a time to go by: a few requests at a time find out (one, then one more per success).
      this.#probing = true;
      return this.#inFlight < this.#probes ? 0 : Number.POSITIVE_INFINITY;
    }
    return Math.min(Math.max(1, Math.ceil(wait)), this.#maxWaitMs);
  }

  /** Spend a token for a request about to leave. */
  take(now: number): Ticket {
    this.#firstSentAt ??= now;
    this.#refill(now);
    const counted = this.#limited && this.#told >= 1;
    const early = this.#limited && !counted && this.#promise !== undefined && this.#promise.at > now;
    this.#tokens -= 1;
    this.#told -= 1;
    this.#inFlight += 1;
    this.#sent += 1;
    return { sentAt: now, takesAtSend: this.#takes, early, counted };
  }

  /** A request failed without an answer: it tells nothing, and may or may not have taken a token. */
  fail(): void {
    this.#inFlight -= 1;
  }

  /** Learn from an answer. */
  observe(ticket: Ticket, status: number, headers: Headers, now: number): void {
    this.#inFlight -= 1;
    const reading = readRateLimit(headers);
    this.#offset.observe(reading.date, ticket.sentAt, now);
    if (status === 429) this.#refused(ticket, reading, now);
    else this.#served(ticket, reading, now);
  }

  #served(ticket: Ticket, reading: RateLimitReading, now: number): void {
    this.#unnamedPauses = 0;
    if (ticket.early) this.#refillsSteadily = true;
    // Whether answers carry counts is read from each: a proxy may strip them, an endpoint may not send them.
    const counted = reading.remaining !== undefined;
    this.#counted = counted;
    if (counted) {
      this.#limited = true;
      if (reading.limit !== undefined) this.#size = reading.limit;
    }
    const atLeast = reading.remaining ?? 0;
    const measured = this.#meter.measure({ atLeast, took: true, sentAt: ticket.sentAt, receivedAt: now, takesAtSend: ticket.takesAtSend });
    this.#takes += 1;
    this.#learn(measured, now);
    if (!counted) return;
    this.#refill(now);
    // The tenant's count is the truth as of this answer; requests still out may not be in it yet, and when others
    // spend the same limit, only a share of it is this client's.
    this.#tokens = this.#told = Math.floor(atLeast * this.#share(now)) - this.#inFlight;
    this.#updatedAt = now;
    this.#promiseAt(resetTime(reading, now, this.#offset.ms), this.#tokens + 1, now);
    this.#meter.anchor({ below: atLeast + 1, sentAt: ticket.sentAt, receivedAt: now, takesAtReceipt: this.#takes, inFlightAtReceipt: this.#inFlight });
  }

  #refused(ticket: Ticket, reading: RateLimitReading, now: number): void {
    this.#limited = true;
    this.#counted = reading.remaining !== undefined;
    if (reading.limit !== undefined && this.#counted) this.#size = reading.limit;
    const measured = this.#meter.measure({ atLeast: 0, took: false, sentAt: ticket.sentAt, receivedAt: now, takesAtSend: ticket.takesAtSend });
    this.#refill(now);
    this.#tokens = this.#told = -this.#inFlight;
    this.#updatedAt = now;
    // An echo: sent before the last 429 arrived, it says nothing new about the rate or the pause.
    const echo = ticket.sentAt <= this.#lastDropAt;
    const named = namedWait(reading, now, this.#offset.ms);
    if (named === undefined && !echo) this.#unnamedPauses += 1;
    const pause = named ?? UNNAMED_PAUSE_MS * 2 ** Math.max(0, this.#unnamedPauses - 1);
    this.#pausedUntil = Math.max(this.#pausedUntil, now + Math.min(pause, this.#maxWaitMs));
    this.#retryAt = named === undefined ? undefined : this.#pausedUntil;
    // At the time it names, the tenant holds at least one token (a backoff is only a guess: no promise then).
    if (named === undefined) this.#promise = undefined;
    else this.#promiseAt(this.#pausedUntil, 1 - this.#inFlight, now);
    if (!echo) {
      this.#drop(measured, now);
      if (ticket.early && !this.#refillsSteadily) this.#refillAtResetUntil = now + REFILL_AT_RESET_MS;
      // Refused although the count had room: something else spends the same limit.
      if (ticket.counted && this.#counted) this.#contended = { share: this.#share(now) * MIN_DROP, at: now };
    }
    // Counts that a 429 contradicts are no longer a basis to measure from; without counts, 429s are all there is.
    if (this.#counted) this.#meter.clear();
    this.#meter.anchor({ below: 1, sentAt: ticket.sentAt, receivedAt: now, takesAtReceipt: this.#takes, inFlightAtReceipt: this.#inFlight });
  }

  /**
   * Multiplicative decrease: below the rate that drew the 429 (by 10% to 50%), to the measured rate if that lies in
   * between. After probing (no rate yet), the goodput since the last 429 stands for the rate that drew it. The rate
   * then grows back by 10% of that rate a second, to 95% of it, stays there for 30 s, and only then grows on.
   */
  #drop(measured: number, now: number): void {
    let drew = this.#currentRate(now);
    let rate: number;
    if (drew > 0) {
      rate = Math.max(drew * MIN_DROP, Math.min(measured, drew * DROP));
    } else if (this.#lastDropAt > Number.NEGATIVE_INFINITY) {
      drew = (this.#takes - this.#takesAtLastDrop) / Math.max(1, now - this.#lastDropAt);
      rate = Math.max(measured, drew * DROP);
    } else {
      // The first 429 ends the first round, which began with a bucket of unknown content: it measures nothing
      // without counts, so the next round (from a known-empty bucket) does.
      rate = this.#counted ? measured : 0;
    }
    this.#rate = rate;
    this.#dropped = rate > 0 ? { rate, at: now, slope: Math.max(drew, rate) * RECOVERY_PER_SECOND, cap: Math.max(rate, drew * RECOVERED) } : undefined;
    this.#lastDropAt = now;
    this.#takesAtLastDrop = this.#takes;
    this.#probes = 1;
  }

  /** Additive increase: the measured rate, up to the line that grows back from the last drop. */
  #learn(measured: number, now: number): void {
    if (this.#counted) {
      this.#rate = Math.max(this.#rate, Math.min(measured, this.#ceiling(now)));
    } else if (this.#dropped !== undefined) {
      // No counts to correct the estimate: probe upwards along the line, as AIMD does.
      this.#rate = Math.max(this.#rate, this.#ceiling(now));
    } else if (this.#rate === 0) {
      // A success without counts shows only what was sent; the next 429 will show the rate. Until then, widen the probe.
      this.#probes += 1;
    }
  }

  #currentRate(now: number): number {
    if (!this.#counted && this.#dropped !== undefined) this.#rate = Math.max(this.#rate, this.#ceiling(now));
    return this.#rate;
  }

  /** The share of the tenant's count this client takes: all of it, halved per contended 429, back up by 10% a second. */
  #share(now: number): number {
    const contended = this.#contended;
    if (contended === undefined) return 1;
    const share = contended.share + (RECOVERY_PER_SECOND * Math.max(0, now - contended.at)) / 1000;
    if (share < 1) return share;
    this.#contended = undefined;
    return 1;
  }

  /** The recovery line after the last drop: up by `slope`, a hold at `cap`, then up again. */
  #ceiling(now: number): number {
    const dropped = this.#dropped;
    if (dropped === undefined) return Number.POSITIVE_INFINITY;
    const elapsed = Math.max(0, now - dropped.at) / 1000;
    const reached = (dropped.cap - dropped.rate) / dropped.slope;
    if (elapsed < reached) return dropped.rate + dropped.slope * elapsed;
    return dropped.cap + dropped.slope * Math.max(0, elapsed - reached - HOLD_MS / 1000);
  }

  /** The tenant's word that by `at` it holds at least `tokens` (the estimate's count) again: kept unless an earlier one stands. */
  #promiseAt(at: number | undefined, tokens: number, now: number): void {
    const standing = this.#promise;
    if (standing !== undefined && standing.at > now && this.#promisedTokens(standing) >= 1 && (at === undefined || standing.at <= at)) return;
    this.#promise = at === undefined || at <= now ? undefined : { at: Math.min(at, now + this.#maxWaitMs), tokens, sentMark: this.#sent };
  }

  #promisedTokens(promise: { readonly tokens: number; readonly sentMark: number }): number {
    return promise.tokens - (this.#sent - promise.sentMark);
  }

  /** Once its time has come, the tenant's word sets a floor under the estimate. */
  #keepPromise(now: number): void {
    const promise = this.#promise;
    if (promise === undefined || promise.at > now) return;
    const promised = this.#promisedTokens(promise);
    this.#tokens = Math.max(this.#tokens, promised);
    this.#told = Math.max(this.#told, promised);
    this.#promise = undefined;
  }

  #refill(now: number): void {
    const rate = this.#currentRate(now);
    if (rate > 0 && now > this.#updatedAt && !(now < this.#refillAtResetUntil)) {
      this.#tokens = Math.min(this.#size ?? 1, this.#tokens + (now - this.#updatedAt) * rate);
    }
    this.#updatedAt = now;
  }
}
