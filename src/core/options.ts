import type { Logger, LogConfig } from "./logger.js";
import type { PipelineMiddleware, MiddlewareEntry } from "./pipeline.js";
import type { HeaderValue } from "./request-options.js";
import type { ClientInfo } from "./telemetry.js";
import type { CustomFetcher } from "../transport/custom-fetcher-types.js";
import type { Plugin } from "./plugin.js";

/** Options every client of this package accepts, on top of its own. */
export interface CoreClientOptions {
  /** Headers sent on every request; values may be functions evaluated per request. */
  headers?: Record<string, HeaderValue>;
  /** Per-attempt time budget in seconds (default 60). */
  timeoutInSeconds?: number;
  /** Retries after the first attempt (default 2; 0 disables). */
  maxRetries?: number;
  /** Off unless given. */
  logging?: LogConfig | Logger;
  /** Send the `Auth0-Client` header (default true). */
  telemetry?: boolean;
  /** Replaces the telemetry payload. */
  clientInfo?: ClientInfo;
  /** A transport with the v5 custom-fetcher contract; the middleware chain still runs above it. */
  fetcher?: CustomFetcher;
  /** PipelineMiddleware added at construction, each optionally placed before or after a named link. */
  middleware?: ReadonlyArray<PipelineMiddleware | MiddlewareEntry>;
  /**
   * Passed to `fetch` as `dispatcher` on runtimes that support it (Node's undici): a custom agent, e.g. for mTLS
   * or a proxy. Ignored elsewhere.
   */
  agent?: unknown;
  /** Plugins applied after the class's preset ones. */
  plugins?: readonly Plugin[];
  /**
   * The largest response body read into memory (JSON or text), in bytes; a larger one fails with
   * `ResponseTooLargeError` instead of filling memory. Default 64 MiB. Streams (`management.fetch`, event streams) are
   * the caller's to read and are not limited.
   */
  maxResponseBytes?: number;
}

/** What the container holds under `Tokens.options`: validated, defaults applied. */
export interface ResolvedClientOptions {
  /** `https://host[:port]` (or `http://` for a loopback host). */
  readonly origin: string;
  /** Where relative request paths resolve, e.g. `https://host/api/v2`. */
  readonly baseUrl: string;
  /** Client headers, names lower-cased, telemetry included. */
  readonly headers: Readonly<Record<string, HeaderValue>>;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxResponseBytes: number;
  readonly raw: Readonly<CoreClientOptions>;
}
