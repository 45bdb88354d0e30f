import type { ClientInfo, Middleware } from "auth0";
import type { HTTPHeaders } from "./init-overrides.js";
import type { FetchAPI } from "./transport.js";
import type { RetryConfiguration } from "./retry.js";

/** Options every v4 client takes. */
export interface ClientOptions {
  /** Send the `Auth0-Client` header (default true). */
  telemetry?: boolean;
  /** Replaces the telemetry payload (default `{ name: "node-auth0", version: "4.37.1", env }`). */
  clientInfo?: ClientInfo;
  /** v4 hooks run around each call: see `Middleware`. */
  middleware?: Middleware[];
  /** The `fetch` to send requests with (default: the global one, through the core's transport). */
  fetch?: FetchAPI;
  /** An undici `Dispatcher`, passed to `fetch` as `dispatcher` (a proxy, mTLS). */
  agent?: unknown;
  /** Headers sent on every Management API request. */
  headers?: HTTPHeaders;
  /** Per-attempt timeout in milliseconds (default 10000). */
  timeoutDuration?: number;
  /** Retries of rate-limited requests (default: on, 3 retries, on 429 only). */
  retry?: RetryConfiguration;
  /** The largest response body read into memory, in bytes (default 64 MiB): see the v5 client's option. Not in v4. */
  maxResponseBytes?: number;
}

export interface ManagementClientOptions extends ClientOptions {
  /** Your tenant's host, e.g. `my-tenant.us.auth0.com`. */
  domain: string;
  /** The API audience of client-credentials tokens (default `https://{domain}/api/v2/`). */
  audience?: string;
}

export interface ManagementClientOptionsWithToken extends ManagementClientOptions {
  /** An access token, or a function that returns one (sync or async), called per request. */
  token: string | (() => Promise<string>) | (() => string);
}

export interface ManagementClientOptionsWithClientSecret extends ManagementClientOptions {
  clientId: string;
  clientSecret: string;
  useMTLS?: boolean;
}

export interface ManagementClientOptionsWithClientAssertion extends ManagementClientOptions {
  clientId: string;
  /** PKCS#8 PEM private key for `private_key_jwt`. */
  clientAssertionSigningKey: string;
  /** Default RS256. */
  clientAssertionSigningAlg?: string;
  useMTLS?: boolean;
}

export type ManagementClientOptionsWithClientCredentials = ManagementClientOptionsWithClientSecret | ManagementClientOptionsWithClientAssertion;
