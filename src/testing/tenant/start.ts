import { AuthState, otpKey } from "../auth/auth-state.js";
import { AuthenticationApi } from "../auth/authentication-api.js";
import { TokenMinter } from "../auth/token-minter.js";
import type { TenantContext } from "../context.js";
import { SigningKeys } from "../crypto/signing-keys.js";
import { FaultQueue } from "../faults/injector.js";
import type { RequestHandler } from "../http/incoming-request.js";
import { createRequestListener } from "../http/serve-request.js";
import { listenOnLoopback } from "../http/server.js";
import { TimerRegistry } from "../internal/timers.js";
import { DownloadHost } from "../downloads/download-host.js";
import { JobState } from "../jobs/job-state.js";
import { jobControl } from "./job-control.js";
import { ManagementApi } from "../management/management-api.js";
import { ALL_MANAGEMENT_SCOPES } from "../management/scopes.js";
import { userView } from "../management/views.js";
import { RequestLog } from "../observe/request-log.js";
import { resolveOptions, type MockTenantOptions } from "../options.js";
import { RateLimiter } from "../rate-limit/rate-limiter.js";
import { applySeed } from "../seed/apply-seed.js";
import { installDefaults } from "../seed/defaults.js";
import { EventLog } from "../state/event-log.js";
import { TenantStore } from "../state/store.js";
import { tenantUrls } from "../tenant-urls.js";
import { issueAuthorizationCode } from "./authorization-codes.js";
import { decideBackchannel, listBackchannel } from "./backchannel-control.js";
import { createExtraClient } from "./extra-clients.js";
import type { MockTenant } from "./mock-tenant.js";

const HOST = "127.0.0.1";

/**
 * Starts an in-memory Auth0 tenant on 127.0.0.1: Authentication API, Management API (/api/v2), JWKS and discovery,
 * with a default application allowed everything. Node-only (node:http, node:crypto, jose).
 */
export async function startMockTenant(options: MockTenantOptions = {}): Promise<MockTenant> {
  const config = resolveOptions(options);
  const clock = config.clock ?? Date.now;
  const keys = await SigningKeys.create();
  const faults = new FaultQueue();
  const requestLog = new RequestLog();
  const deliveryTimers = new TimerRegistry();

  // The port is only known once listening, and URLs (issuer, audiences) depend on it: route through a late binding.
  let handle: RequestHandler = () => Promise.reject(new Error("mock tenant is not ready"));
  const server = await listenOnLoopback(
    HOST,
    config.port,
    createRequestListener({
      faults,
      log: requestLog,
      timers: deliveryTimers,
      maxBodyBytes: config.maxBodyBytes,
      clock: config.clock,
      handle: (request) => handle(request),
    }),
    { keepProcessAlive: config.keepProcessAlive },
  );

  const urls = tenantUrls(HOST, server.port);
  const store = new TenantStore();
  const jobs = new JobState();
  const downloads = new DownloadHost({
    host: HOST,
    faults,
    log: requestLog,
    timers: deliveryTimers,
    files: jobs.files,
    linkSeconds: config.jobs.downloadLinkSeconds,
  });
  const ctx: TenantContext = {
    urls,
    options: config,
    store,
    events: new EventLog(store, urls.host),
    auth: new AuthState(),
    keys,
    tokens: new TokenMinter(keys, urls, config.idTokenTtlSeconds),
    jobTimers: new TimerRegistry(),
    jobs,
    downloads,
    managementLimiter: new RateLimiter(config.rateLimit, clock),
    authenticationLimiter: new RateLimiter(config.authenticationRateLimit, clock),
  };
  const defaultClient = installDefaults(store, urls, config);
  store.markDefaults();
  const management = new ManagementApi(ctx);
  const authentication = new AuthenticationApi(ctx);
  handle = (request) =>
    ManagementApi.owns(request.path) ? management.handle(request) : authentication.handle(request);

  const tenant: MockTenant = {
    domain: urls.origin,
    url: urls.origin,
    port: server.port,
    issuer: urls.issuer,
    managementApiUrl: urls.managementApi,
    managementAudience: urls.managementAudience,
    clientId: defaultClient.client_id,
    clientSecret: defaultClient.client_secret,
    faults,

    get requests() {
      return requestLog.entries();
    },
    stats: () => requestLog.stats(),
    clearRequests: () => requestLog.clear(),

    seed: (data) => applySeed(store, urls, data),
    reset(resetOptions = {}) {
      ctx.jobTimers.clear();
      jobs.clear();
      store.reset(resetOptions.clearSeed === true);
      ctx.auth.clear();
      requestLog.clear();
      faults.clear();
      ctx.managementLimiter.refill();
      ctx.authenticationLimiter.refill();
      management.forgetTokens();
    },
    async close() {
      ctx.jobTimers.clear();
      deliveryTimers.clear();
      faults.clear();
      await Promise.all([server.close(), downloads.close()]);
    },
    // `await using tenant = await startMockTenant()` closes it at the end of the scope. Node defines the symbol from
    // 20.4 on (this package needs 20.19), as do Bun and Deno: no polyfill, so importing this module changes no global.
    [Symbol.asyncDispose]: () => tenant.close(),

    createClient: (clientOptions) => createExtraClient(store, urls, clientOptions),
    managementToken(tokenOptions = {}) {
      const clientId = tokenOptions.clientId ?? defaultClient.client_id;
      return ctx.tokens.accessToken({
        subject: `${clientId}@clients`,
        clientId,
        audience: tokenOptions.audience ?? urls.managementAudience,
        scopes: tokenOptions.scopes ?? ALL_MANAGEMENT_SCOPES,
        grantType: "client-credentials",
        ttlSeconds: tokenOptions.expiresInSeconds ?? config.accessTokenTtlSeconds ?? 86400,
      });
    },

    async rotateSigningKey(rotateOptions) {
      const kid = await keys.rotate(rotateOptions);
      management.forgetTokens();
      return kid;
    },
    jwks: () => keys.jwks(),

    issueAuthorizationCode: (codeOptions) => issueAuthorizationCode(ctx, defaultClient.client_id, codeOptions),
    lastOtp(emailOrPhone) {
      return (
        ctx.auth.otps.get(otpKey("email", emailOrPhone))?.otp ?? ctx.auth.otps.get(otpKey("sms", emailOrPhone))?.otp
      );
    },
    sentMessages: () => [...ctx.auth.outbox],

    approveBackchannel: (authReqId) => decideBackchannel(ctx.auth, "approved", authReqId),
    denyBackchannel: (authReqId) => decideBackchannel(ctx.auth, "denied", authReqId),
    backchannelRequests: () => listBackchannel(ctx.auth),

    findUser(idOrEmail) {
      const user = store.userByRef(idOrEmail);
      return user ? userView(user) : undefined;
    },
    allUsers: () => [...store.data.users.values()].map(userView),
    jobs: jobControl(ctx),

    get rateLimit() {
      return ctx.managementLimiter.options;
    },
    setRateLimit: (limits) => ctx.managementLimiter.configure(limits),
  };
  return tenant;
}
