/**
 * The two values that travel through the middleware chain. They are plain objects rather than `Request`/`Response`
 * so a link costs no allocation it does not need, and so a custom fetcher that is not `fetch` can fill them.
 */

/** How the bottom of the chain treats a response body. */
export type ResponseBodyMode = "json" | "text" | "stream";

/**
 * Which Auth0 API a request goes to. A Management client's requests are `"management"` except the client-credentials
 * token request its `auth` link makes (`POST /oauth/token`), which is `"authentication"`; an Authentication or
 * UserInfo client's are all `"authentication"` (`/userinfo` belongs to the Authentication API).
 */
export type Auth0Api = "management" | "authentication";

/**
 * The endpoint an HTTP call belongs to, as written in the API reference: `{ api: "management", method: "GET", path:
 * "/users/{id}" }`, or `{ api: "authentication", method: "POST", path: "/oauth/token" }` for the token request.
 */
export interface Operation {
  /**
   * The API the request goes to: middleware that is meant for Management API calls only checks this. `"external"` is
   * a request the SDK makes to another host on the caller's behalf (an export job's download link): it carries no
   * token and counts against no tenant rate limit.
   */
  readonly api: Auth0Api | "external";
  /** HTTP verb, upper case. */
  readonly method: string;
  /**
   * The path as the API reference writes it, templated and relative to the API's base (`/api/v2` for the Management
   * API), e.g. `/users/{id}`; used in logs and error messages. `management.fetch()` passes its path as given.
   */
  readonly path: string;
}

export interface PipelineRequest {
  /** HTTP verb, upper case. */
  method: string;
  /** Absolute URL, query string included. */
  url: URL;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /**
   * A serialised, replayable body, or undefined: whatever `fetch` takes in the runtime at hand. Spelled through
   * `RequestInit` because DOM's `BodyInit` is not declared by Node's or Workers' type libraries.
   */
  body?: NonNullable<RequestInit["body"]> | undefined;
  /** What the fetcher does with the response body: parse it, keep it as text, or hand the stream over. */
  responseBody: ResponseBodyMode;
  /** Per-attempt time budget in milliseconds (0: none). */
  timeoutMs: number;
  /** How many times the `retry` link may repeat the request. */
  maxRetries: number;
  /** The largest body a transport reads into memory, in bytes (streams excepted); default 64 MiB. */
  maxResponseBytes?: number;
  /** The caller's signal; the `timeout` link hands lower links a signal that also fires on timeout. */
  signal?: AbortSignal | undefined;
  /** The endpoint, for logs and errors. */
  operation: Operation;
  /** 0 for the first attempt, then 1, 2, … (set by the `retry` link). */
  attempt: number;
  /** Per-call scratch space for middleware and plugins. */
  context: Record<string, unknown>;
  /** Extra `fetch` init fields for the transport, e.g. an undici `dispatcher` for mTLS (from the client's `agent`). */
  fetchOptions?: Readonly<Record<string, unknown>> | undefined;
}

export interface PipelineResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly url: string;
  readonly redirected: boolean;
  readonly type: Response["type"];
  /**
   * The body: the parsed JSON value (undefined when empty), the text when it is not JSON (`bodyIsText` is then true),
   * or a `ReadableStream` when the request asked for a stream.
   */
  readonly body: unknown;
  readonly bodyIsText?: boolean;
}

/** The response facts v5 exposes as `rawResponse`. */
export interface RawResponse {
  readonly headers: Headers;
  readonly redirected: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly type: Response["type"];
  readonly url: string;
}

export function toRawResponse(response: PipelineResponse): RawResponse {
  const { headers, redirected, status, statusText, type, url } = response;
  return { headers, redirected, status, statusText, type, url };
}

/** Statuses 200–399 are success, as in the v5 package. */
export function isSuccess(status: number): boolean {
  return status >= 200 && status < 400;
}

/** The default of the `maxResponseBytes` option: generous for JSON, far from what would exhaust a process. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
