import type { RateLimitOptions } from "./rate-limit/options.js";

export interface MockTenantOptions {
  /** Port on 127.0.0.1; default: a free one. */
  readonly port?: number;
  /**
   * The Management API's rate limit and how its answers describe it (which headers, what `x-ratelimit-reset` means).
   * Default `{ burst: 1000, perSecond: 500 }`, a token bucket whose `reset` is the second it is full again.
   */
  readonly rateLimit?: RateLimitOptions;
  /** The Authentication API's own limit (/oauth/token, /userinfo, ...), counted apart. Default `{ burst: 1000, perSecond: 500 }`. */
  readonly authenticationRateLimit?: RateLimitOptions;
  /**
   * The tenant's clock, epoch milliseconds (default `Date.now`): its rate limits refill by it, its answers' `date`
   * header and `retry-after` dates are written by it, and the request log's `startedAt` is read from it. Give a
   * test's fake clock here and the limits run on fake time (tokens, ID tokens and jobs keep the real clock).
   */
  readonly clock?: () => number;
  /** Fix the default client's credentials instead of generating them. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Lifetime of access tokens; default: the API's `token_lifetime` (86400 s, as Auth0's default). */
  readonly accessTokenTtlSeconds?: number;
  /** Lifetime of ID tokens; default 36000 s, as Auth0's default. */
  readonly idTokenTtlSeconds?: number;
  /** How long a job stays `pending`, then `processing`. Default 50 ms and 100 ms. */
  readonly jobs?: { readonly pendingMs?: number; readonly processingMs?: number };
  /**
   * Auth0 refuses to page `GET /users` past the first 1000 results (`page * per_page + per_page > 1000`). Off by
   * default so large walks work; set it to 1000 to test code that must stop there.
   */
  readonly userSearchLimit?: number;
  /** Largest request body read; larger ones get 413. Default 10 MB. */
  readonly maxBodyBytes?: number;
  /**
   * Whether the tenant by itself keeps the Node process running. Default `false`: its server, connections and timers
   * are unref'd, so a script or test file that forgets `close()` still exits once its own work is done. Set `true` to
   * run the tenant as a standalone server (a script whose only job is to serve it).
   */
  readonly keepProcessAlive?: boolean;
}

export interface ResolvedOptions {
  readonly port: number;
  readonly rateLimit: RateLimitOptions;
  readonly authenticationRateLimit: RateLimitOptions;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly accessTokenTtlSeconds: number | undefined;
  readonly idTokenTtlSeconds: number;
  readonly jobs: { readonly pendingMs: number; readonly processingMs: number };
  readonly userSearchLimit: number;
  readonly maxBodyBytes: number;
  readonly keepProcessAlive: boolean;
  readonly clock: (() => number) | undefined;
}

const GENEROUS: RateLimitOptions = { burst: 1000, perSecond: 500 };

export function resolveOptions(options: MockTenantOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    rateLimit: options.rateLimit ?? GENEROUS,
    authenticationRateLimit: options.authenticationRateLimit ?? GENEROUS,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    idTokenTtlSeconds: options.idTokenTtlSeconds ?? 36000,
    jobs: { pendingMs: options.jobs?.pendingMs ?? 50, processingMs: options.jobs?.processingMs ?? 100 },
    userSearchLimit: options.userSearchLimit ?? Number.POSITIVE_INFINITY,
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    keepProcessAlive: options.keepProcessAlive === true,
    clock: options.clock,
  };
}
