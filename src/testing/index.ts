/**
 * `auth0/testing`: an embedded mock Auth0 tenant for tests (Node only). Never imported by `auth0` itself.
 *
 * ```ts
 * const tenant = await startMockTenant();
 * const { domain, clientId, clientSecret } = tenant;
 * const management = new ManagementClient({ domain, clientId, clientSecret });
 * tenant.faults.inject({
 *   match: { path: "/api/v2/users" },
 *   fault: { kind: "status", status: 503, headers: { "retry-after": "1" } },
 * });
 * await tenant.close();
 * ```
 */
export { startMockTenant } from "./tenant/start.js";
export type {
  AuthorizationCodeOptions,
  BackchannelRequestInfo,
  CreateClientOptions,
  CreatedClient,
  JobInfo,
  JsonWebKeySet,
  ManagementTokenOptions,
  MockTenantJobs,
  MockTenant,
  ResetOptions,
} from "./tenant/mock-tenant.js";
export type { JobOptions, MockTenantOptions } from "./options.js";
export type { ExportJobInfo, ExportSource, JobFailureRule } from "./jobs/job-state.js";
export type { ExportField, JobStatus, JobType } from "./state/records.js";
export type { Fault, FaultKind, FaultMatch, FaultRule } from "./faults/fault.js";
export type { FaultInjector, InjectedFault } from "./faults/injector.js";
export type { RecordedRequest, TenantStats } from "./observe/request-log.js";
export type { RateLimitOptions, RateLimitResetMeaning, RateLimitHeaderStyle } from "./rate-limit/options.js";
export type { SentMessage } from "./auth/auth-state.js";
export type { RotateOptions } from "./crypto/signing-keys.js";
export type {
  ClientSeed,
  ConnectionSeed,
  OrganizationSeed,
  RoleSeed,
  SeedData,
  SeedResult,
  UserSeed,
} from "./seed/apply-seed.js";
export type { JsonObject } from "./internal/json.js";
export type { NewUserFields } from "./state/user-factory.js";
export type { PermissionRef } from "./state/records.js";
export type {
  NewClientFields,
  NewClientGrantFields,
  NewConnectionFields,
  NewOrganizationFields,
  NewResourceServerFields,
} from "./state/entity-factories.js";
export type { ResourceServerScope } from "./state/records.js";
