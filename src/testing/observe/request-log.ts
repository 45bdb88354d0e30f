import type { IncomingHttpHeaders } from "node:http";
import type { FaultKind } from "../faults/fault.js";

/** One request as the tenant saw it. Nothing is redacted: it is test data. */
export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/api/v2/users`. */
  readonly path: string;
  /** Query parameters; a key given more than once maps to an array. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  readonly headers: IncomingHttpHeaders;
  /** The raw request body as text (empty when it was never read, e.g. reset before the body). */
  readonly body: string;
  /** Status sent, or 0 when the connection was reset instead. */
  readonly status: number;
  /** The fault applied to this request, if any. */
  readonly fault?: FaultKind;
  /** True when the tenant's rate limiter refused the request. */
  readonly rateLimited: boolean;
  /** The headers of the answer as sent (`x-ratelimit-*`, `retry-after`, …); empty when none was sent. */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** When the request arrived, on the tenant's clock (see the `clock` option). */
  readonly startedAt: Date;
  readonly durationMs: number;
}

export interface TenantStats {
  readonly requests: number;
  /** POST /oauth/token calls, whatever their outcome. */
  readonly tokenRequests: number;
  /** Requests under /api/v2. */
  readonly managementRequests: number;
  /** 429s sent by the rate limiter (injected 429s are counted in `faults`). */
  readonly rateLimited: number;
  /** Requests a fault was applied to. */
  readonly faults: number;
  readonly resets: number;
  /** Count of responses per status code, e.g. `{ "200": 12, "429": 3 }`. */
  readonly byStatus: Readonly<Record<string, number>>;
}

export class RequestLog {
  #entries: RecordedRequest[] = [];

  record(entry: RecordedRequest): void {
    this.#entries.push(entry);
  }

  entries(): readonly RecordedRequest[] {
    return this.#entries;
  }

  clear(): void {
    this.#entries = [];
  }

  stats(): TenantStats {
    const byStatus: Record<string, number> = {};
    let tokenRequests = 0;
    let managementRequests = 0;
    let rateLimited = 0;
    let faults = 0;
    let resets = 0;
    for (const entry of this.#entries) {
      byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
      if (entry.method === "POST" && entry.path === "/oauth/token") tokenRequests++;
      if (entry.path.startsWith("/api/v2/")) managementRequests++;
      if (entry.rateLimited) rateLimited++;
      if (entry.fault) faults++;
      if (entry.status === 0) resets++;
    }
    return { requests: this.#entries.length, tokenRequests, managementRequests, rateLimited, faults, resets, byStatus };
  }
}

export function queryRecord(params: URLSearchParams): Record<string, string | readonly string[]> {
  const out: Record<string, string | readonly string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return out;
}
