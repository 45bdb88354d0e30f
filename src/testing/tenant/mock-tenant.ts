import type { SentMessage } from "../auth/auth-state.js";
import type { RotateOptions } from "../crypto/signing-keys.js";
import type { FaultInjector } from "../faults/injector.js";
import type { JsonObject } from "../internal/json.js";
import type { ExportSource, JobFailureRule } from "../jobs/job-state.js";
import type { JobStatus, JobType } from "../state/records.js";
import type { RecordedRequest, TenantStats } from "../observe/request-log.js";
import type { RateLimitOptions } from "../rate-limit/options.js";
import type { SeedData, SeedResult } from "../seed/apply-seed.js";

/**
 * The tenant's public signing keys, as `/.well-known/jwks.json` serves them. Spelled out rather than jose's
 * `JSONWebKeySet`: jose is an ES module only, and a CommonJS app's declarations cannot name its types.
 */
export interface JsonWebKeySet {
  keys: Array<{ kty?: string; kid?: string; alg?: string; use?: string; [parameter: string]: unknown }>;
}

export interface CreateClientOptions {
  readonly name?: string;
  /** Management API scopes to grant; omit for no client grant at all. */
  readonly scopes?: readonly string[];
  /** API the grant is for; default the Management API. */
  readonly audience?: string;
  readonly appType?: string;
  readonly grantTypes?: readonly string[];
  /** `none` for a public client (SPA/native: PKCE without a secret). */
  readonly tokenEndpointAuthMethod?: string;
  readonly callbacks?: readonly string[];
  /** SPKI public key or X.509 certificate (PEM) accepted for `private_key_jwt` client assertions. */
  readonly publicKeyPem?: string;
  /** ID token signing algorithm; HS256 signs with the client secret. Default RS256. */
  readonly idTokenSigningAlg?: "RS256" | "HS256";
}

export interface CreatedClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The tenant's domain, for convenience: `new ManagementClient({ domain, clientId, clientSecret })`. */
  readonly domain: string;
}

export interface AuthorizationCodeOptions {
  /** User id, or the email of a user. */
  readonly userId: string;
  /** Default: the tenant's default client. */
  readonly clientId?: string;
  /** When given, the token request must send the same `redirect_uri`. */
  readonly redirectUri?: string;
  /** PKCE: when given, the token request must send a matching `code_verifier`. */
  readonly codeChallenge?: string;
  /** Default `S256` when a challenge is given. */
  readonly codeChallengeMethod?: "S256" | "plain";
  readonly nonce?: string;
  /** Space-separated or a list; default `openid profile email`. */
  readonly scope?: string | readonly string[];
  readonly audience?: string;
  /** Organization id or name; the user must be a member. The ID token then carries org_id/org_name. */
  readonly organization?: string;
}

export interface ManagementTokenOptions {
  /** Default: every Management API scope. */
  readonly scopes?: readonly string[];
  /** Default: the tenant's default client. */
  readonly clientId?: string;
  /** Default: the `accessTokenTtlSeconds` option, else 86400; negative for an already expired token. */
  readonly expiresInSeconds?: number;
  /** Default the Management API audience. */
  readonly audience?: string;
}

export interface BackchannelRequestInfo {
  readonly authReqId: string;
  readonly clientId: string;
  readonly userId: string;
  readonly bindingMessage: string;
  readonly scopes: readonly string[];
  readonly status: "pending" | "approved" | "denied";
}

export interface ResetOptions {
  readonly clearSeed?: boolean;
}

/** A job as the tenant holds it. */
export interface JobInfo {
  readonly id: string;
  readonly type: JobType;
  readonly status: JobStatus;
  readonly createdAt: string;
  readonly connectionId?: string;
  readonly externalId?: string;
  /** Imports: how many users the file held. */
  readonly users?: number;
  readonly upsert?: boolean;
  readonly statusDetails?: string;
}

/** The tenant's jobs (imports, exports, verification emails), for tests. */
export interface MockTenantJobs {
  /** Every job, oldest first. */
  list(): readonly JobInfo[];
  /**
   * Move every unfinished job (or the one named) one step: pending → processing → completed (or failed, see
   * `failNext`). Resolves when the step's work is done (an export's file written); returns how many jobs moved. Made
   * for `jobs: { autoRun: false }`, where nothing moves otherwise.
   */
  advance(jobId?: string): Promise<number>;
  /** Make the next job(s) end `failed` with this `status_details`, as Auth0 reports a job it could not run. */
  failNext(rule?: JobFailureRule): void;
  /** Where export jobs read users from (default, or `undefined`: the tenant's users). */
  setExportSource(source: ExportSource | undefined): void;
}

/** A running mock Auth0 tenant. */
export interface MockTenant {
  /** `http://127.0.0.1:PORT`: the SDK's `domain`. */
  readonly domain: string;
  /** Same as `domain`. */
  readonly url: string;
  readonly port: number;
  /** `http://127.0.0.1:PORT/`: the `iss` of every token. */
  readonly issuer: string;
  /** `http://127.0.0.1:PORT/api/v2` */
  readonly managementApiUrl: string;
  /** `http://127.0.0.1:PORT/api/v2/`: the audience for Management API tokens (the `https://` form works too). */
  readonly managementAudience: string;
  /** The default application: every grant type, every Management API scope. */
  readonly clientId: string;
  readonly clientSecret: string;

  /** Inject failures into upcoming responses. */
  readonly faults: FaultInjector;
  /** Every request received since start (or the last `reset()`/`clearRequests()`), oldest first. */
  readonly requests: readonly RecordedRequest[];
  stats(): TenantStats;
  clearRequests(): void;

  /** Adds data now and to the baseline `reset()` returns to. */
  seed(data: SeedData): SeedResult;
  /**
   * Back to the baseline (defaults + seeds): data, codes, refresh tokens, OTPs, sent messages, the request log, pending
   * faults and jobs; the rate-limit buckets are refilled. Signing keys are kept. `clearSeed: true` also forgets
   * everything seeded (and `createClient`ed) so far: back to a fresh tenant, same keys and default client.
   */
  reset(options?: ResetOptions): void;
  /** Stops the server, destroys every socket and clears every timer. Calling it again is harmless. */
  close(): Promise<void>;
  /** `close()`, for `await using tenant = await startMockTenant()`: the tenant closes when the scope ends. */
  [Symbol.asyncDispose](): Promise<void>;

  /** An extra application (seeded, so it survives `reset()`), e.g. one with too few scopes to test 403s. */
  createClient(options?: CreateClientOptions): CreatedClient;
  /** A Management API access token minted directly (no HTTP request, not counted in stats). */
  managementToken(options?: ManagementTokenOptions): Promise<string>;

  /** New signing key; the previous one stays in the JWKS unless `keepPrevious: false`. Resolves to the new `kid`. */
  rotateSigningKey(options?: RotateOptions): Promise<string>;
  jwks(): JsonWebKeySet;

  /** A code for the `authorization_code` grant, as if the user had just logged in (there is no login page). */
  issueAuthorizationCode(options: AuthorizationCodeOptions): string;
  /** The last one-time code sent by `/passwordless/start` to this email address or phone number. */
  lastOtp(emailOrPhone: string): string | undefined;
  /** Emails and texts the tenant "sent": passwordless codes, reset links, verification emails, invitations. */
  sentMessages(): readonly SentMessage[];

  /** Approve a `/bc-authorize` request (default: the most recent pending one). */
  approveBackchannel(authReqId?: string): void;
  /** Deny a `/bc-authorize` request (default: the most recent pending one). */
  denyBackchannel(authReqId?: string): void;
  backchannelRequests(): readonly BackchannelRequestInfo[];

  /** A user as `GET /api/v2/users/{id}` would return it, by id or email. */
  findUser(idOrEmail: string): JsonObject | undefined;
  /** Every user, as `GET /api/v2/users/{id}` would return them, oldest first. */
  allUsers(): JsonObject[];

  /** Jobs: list them, drive them step by step, make them fail, feed exports. */
  readonly jobs: MockTenantJobs;

  /** The Management API's rate limit, every option filled in. */
  readonly rateLimit: Required<RateLimitOptions>;
  /** Change the Management API's rate limit (it starts full). */
  setRateLimit(options: RateLimitOptions): void;
}
