/**
 * auth0/legacy: the v4 API of the `auth0` package (`ManagementClient` with its managers, `AuthenticationClient`,
 * `UserInfoClient`, v4's errors and helpers) on the package's one core.
 *
 * @packageDocumentation
 */
export { ManagementClient, ManagementClientBase } from "./management-client.js";
export type {
  ClientOptions,
  ManagementClientOptions,
  ManagementClientOptionsWithToken,
  ManagementClientOptionsWithClientCredentials,
  ManagementClientOptionsWithClientSecret,
  ManagementClientOptionsWithClientAssertion,
} from "./options.js";
export type { Configuration, ManagementConfiguration } from "./configuration.js";
export { BaseManager } from "./manager.js";
export type { RetryConfiguration } from "./retry.js";
export type { FetchAPI } from "./transport.js";
/** v4's object-style middleware: the core's `Middleware`, which `AuthenticationClient` of the main entry takes too. */
export type { Middleware, FetchParams, RequestContext, ResponseContext, ErrorContext } from "auth0";
export type { InitOverride, InitOverrideFunction, HTTPMethod, HTTPHeaders, HTTPQuery, HTTPBody, HTTPRequestInit, RequestOpts } from "./init-overrides.js";
export { CustomDomainHeader } from "./custom-domain.js";
export { ManagementApiError } from "./errors.js";
export { ResponseError, TimeoutError, FetchError, RequiredError, HttpResponseHeadersUtils } from "auth0";
export type { TokenQuotaLimit, TokenQuotaBucket } from "auth0";
export * from "./auth.js";
export type {
  Params,
  Method,
  ParamsMethod,
  PathMethod,
  OptionalParamsMethod,
  BodyMethod,
  ParamsBodyMethod,
  PathBodyMethod,
  ListMethod,
  ParamsListMethod,
} from "./methods.js";
export type { LegacyEnum, LegacyEnumKey, LegacyEnumKeyChar } from "./enum-table.js";

// Generated from the v4 table and the export-surface contract: the managers, the enum objects, the model types.
export * from "./generated/managers.js";
export * from "./generated/enums.js";
export * from "./generated/models.js";
export * from "./generated/model-names.js";
