import type { CoreClientOptions } from "../core/options.js";
import type { AuthClientMiddleware } from "./middleware-option.js";

/** The `retry` option of the Authentication API and `/userinfo` clients (v5's `RetryConfiguration`). */
export interface RetryConfiguration {
  /** Off by default on `AuthenticationClient`, on by default on `UserInfoClient`. */
  enabled?: boolean;
  /** Retries after the first attempt: default 3, at most 10. */
  maxRetries?: number;
  /** HTTP statuses to retry: default `[429]`. */
  retryWhen?: number[];
}

/**
 * A `fetch` to send the requests with. It sits at the bottom of the client's middleware chain, so retry, timeout,
 * logging and any middleware of yours still apply. It is called with the URL as a string and a complete init.
 */
export type FetchAPI = (url: string, init: RequestInit) => Promise<Response>;

/** Options the Authentication API and `/userinfo` clients share (v5's `ClientOptions`), on top of the core's. */
export interface ClientOptions extends Omit<CoreClientOptions, "timeoutInSeconds" | "maxRetries" | "middleware"> {
  /** Per-attempt time budget in milliseconds (default 10000). */
  timeoutDuration?: number;
  retry?: RetryConfiguration;
  /** A custom `fetch` (see {@link FetchAPI}). It wins over the core's `fetcher` option when both are given. */
  fetch?: FetchAPI;
  /**
   * v5's object-style middleware (`{ pre, post, onError }`: each hook runs once around the attempts and retries, see
   * `Middleware`), and the core's function-style middleware and `{ middleware, before/after }` entries, in any mix.
   */
  middleware?: ReadonlyArray<AuthClientMiddleware>;
}

/** v4's and v5's configuration of an API class: the client options with the base URL and the error parser. */
export interface Configuration extends ClientOptions {
  baseUrl: string;
  parseError: (response: Response) => Promise<Error> | Error;
}

/** Options of `AuthenticationClient`. */
export interface AuthenticationClientOptions extends ClientOptions {
  /** Your tenant's host, e.g. `my-tenant.us.auth0.com` (`http://127.0.0.1:PORT` is accepted for local testing). */
  domain: string;
  clientId: string;
  /** For `client_secret_post`, and the key of HS256-signed ID tokens. */
  clientSecret?: string;
  /** PKCS#8 PEM private key for `private_key_jwt`; when set it is used instead of `clientSecret`. */
  clientAssertionSigningKey?: string;
  /** RS256 (default), PS256, ES256, … */
  clientAssertionSigningAlg?: string;
  /** The algorithm ID tokens must be signed with: `RS256` (default, the tenant's JWKS) or `HS256` (the client secret). */
  idTokenSigningAlg?: string;
  /** Leeway for the ID token's time claims, in seconds (default 60). */
  clockTolerance?: number;
  /**
   * Send `oauth.*` calls to `https://mtls.{domain}` and authenticate with the client certificate of `agent` instead of
   * a secret or assertion (see `createMtlsAgent` in `auth0/mtls` for Node).
   */
  useMTLS?: boolean;
}

/** Options of `UserInfoClient`. */
export interface UserInfoClientOptions extends ClientOptions {
  domain: string;
}
