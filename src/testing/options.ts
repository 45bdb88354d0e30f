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
  /** How jobs (imports, exports, verification emails) run. */
  readonly jobs?: JobOptions;
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

export interface JobOptions {
  /** How long a job stays `pending`. Default 50 ms. */
  readonly pendingMs?: number;
  /** How long a job stays `processing`, on top of the time its users take at the rates below. Default 100 ms. */
  readonly processingMs?: number;
  /** Users an import job processes per second (default: no per-user time, only `processingMs`). */
  readonly importUsersPerSecond?: number;
  /** Users an export job writes per second (default: no per-user time, only `processingMs`). */
  readonly exportUsersPerSecond?: number;
  /**
   * Import jobs that may be pending or processing at once; one more is answered `429 There are 2 active import users
   * jobs…`, as Auth0 does. Default 2, Auth0's documented limit.
   */
  readonly concurrentImports?: number;
  /**
   * `false`: jobs move only when the test calls `tenant.jobs.advance()`, so a test drives them step by step without
   * timers. Default true.
   */
  readonly autoRun?: boolean;
  /** How long an export's download link stays valid. Default 60 s, as Auth0's. */
  readonly downloadLinkSeconds?: number;
}

export interface ResolvedJobOptions {
  readonly pendingMs: number;
  readonly processingMs: number;
  readonly importUsersPerSecond: number;
  readonly exportUsersPerSecond: number;
  readonly concurrentImports: number;
  readonly autoRun: boolean;
  readonly downloadLinkSeconds: number;
}

export interface ResolvedOptions {
  readonly port: number;
  readonly rateLimit: RateLimitOptions;
  readonly authenticationRateLimit: RateLimitOptions;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly accessTokenTtlSeconds: number | undefined;
  readonly idTokenTtlSeconds: number;
  readonly jobs: ResolvedJobOptions;
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
    jobs: resolveJobOptions(options.jobs),
    userSearchLimit: options.userSearchLimit ?? Number.POSITIVE_INFINITY,
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    keepProcessAlive: options.keepProcessAlive === true,
    clock: options.clock,
  };
}

function resolveJobOptions(jobs: JobOptions = {}): ResolvedJobOptions {
  return {
    pendingMs: jobs.pendingMs ?? 50,
    processingMs: jobs.processingMs ?? 100,
    importUsersPerSecond: jobs.importUsersPerSecond ?? Number.POSITIVE_INFINITY,
    exportUsersPerSecond: jobs.exportUsersPerSecond ?? Number.POSITIVE_INFINITY,
    concurrentImports: jobs.concurrentImports ?? 2,
    autoRun: jobs.autoRun ?? true,
    downloadLinkSeconds: jobs.downloadLinkSeconds ?? 60,
  };
}
