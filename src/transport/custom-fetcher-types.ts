import type { RawResponse } from "../core/http.js";

/** What a custom `fetcher` receives: the v5 `Fetcher.Args` contract. */
export interface CustomFetcherArgs {
  /** The URL without its query string. */
  url: string;
  method: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Query parameters; a repeated key arrives as an array. */
  queryParameters?: Record<string, unknown>;
  /** The body before serialisation: a JSON value, or `FormData`/bytes for uploads. */
  body?: unknown;
  timeoutMs?: number;
  /** Always 0: the client's `retry` middleware retries, not the fetcher. */
  maxRetries?: number;
  withCredentials?: boolean;
  /** Fires on the caller's abort and on the per-attempt timeout. */
  abortSignal?: AbortSignal;
  requestType?: "json" | "file" | "bytes";
  responseType?: "json" | "blob" | "sse" | "streaming" | "text" | "arrayBuffer" | "binary-response";
  duplex?: "half";
}

export type CustomFetcherError =
  | { reason: "status-code"; statusCode: number; body: unknown }
  | { reason: "non-json"; statusCode: number; rawBody: string }
  | { reason: "timeout" }
  | { reason: "unknown"; errorMessage: string };

/** What a custom `fetcher` returns: the v5 `APIResponse` contract. */
export type CustomFetcherResult =
  | { ok: true; body: unknown; headers?: Headers | Record<string, unknown>; rawResponse: RawResponse }
  | { ok: false; error: CustomFetcherError; rawResponse?: RawResponse };

/** The `fetcher` client option: replaces the transport at the bottom of the chain; every middleware still applies. */
export type CustomFetcher = (args: CustomFetcherArgs) => Promise<CustomFetcherResult>;
