/**
 * What can go wrong with a response. Faults that stand for something in front of the tenant (a proxy, the network)
 * answer without the tenant processing the request: `status`, `html`, `reset` before the body. The others let the
 * tenant process the request (so a write takes effect) and then spoil the delivery: `latency`, `slow-body`,
 * `truncate`, `reset` after the body.
 */
export type Fault =
  /** Answer with this status instead of processing. Body defaults to an Auth0-shaped error for the status. */
  | {
      readonly kind: "status";
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      /** An object or array is sent as JSON, a string as-is (text/plain unless `headers` says otherwise). */
      readonly body?: unknown;
    }
  /** Wait this long before processing, so the first byte of the response is late. */
  | { readonly kind: "latency"; readonly ms: number }
  /** Send the headers at once, then the body `chunkSize` bytes (default 8) at a time, `chunkDelayMs` apart. */
  | { readonly kind: "slow-body"; readonly chunkDelayMs: number; readonly chunkSize?: number }
  /** Announce the full content-length, send only part of the body (default: half), then close the connection. */
  | { readonly kind: "truncate"; readonly sendBytes?: number }
  /** An HTML error page, as a load balancer or proxy would send it (default status 502). */
  | { readonly kind: "html"; readonly status?: number; readonly html?: string }
  /** Reset the TCP connection, before the request body is read (not processed) or after it was processed. */
  | { readonly kind: "reset"; readonly when: "before-body" | "after-body" };

export type FaultKind = Fault["kind"];

/** Which requests a fault applies to. Every given criterion must match; nothing given matches everything. */
export interface FaultMatch {
  /** HTTP method, case-insensitive. */
  readonly method?: string;
  /** A string matches as a prefix of the path (without query); a RegExp is tested against the path. */
  readonly path?: string | RegExp;
}

export interface FaultRule {
  readonly match?: FaultMatch;
  /** How many matching requests get the fault. Default 1; `Infinity` for all of them until cleared. */
  readonly times?: number;
  readonly fault: Fault;
}
