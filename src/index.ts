/**
 * auth0: the Auth0 Management API, Authentication API and /userinfo, drop-in compatible with the `auth0` package v5.
 *
 * @packageDocumentation
 */

// Management API
export { ManagementClient } from "./management/management-client.js";
export { ManagementResourcesClient } from "./management/resources-client.js";
export type {
  ManagementClientOptionsWithClientCredentials,
  ManagementClientBaseOptions,
  ManagementClientOptions,
  ManagementClientOptionsWithToken,
  ManagementClientOptionsWithClientSecret,
  ManagementClientOptionsWithClientAssertion,
  ManagementFetchOptions,
} from "./management/management-client.js";
export type { TokenSupplier } from "./management/token-provider.js";
export * as Management from "./management/namespace.js";
export type { EnumObject, EnumKey, EnumKeyRule } from "./management/enum-object.js";
export type { ManagementResources } from "./management/generated/resources/index.js";
export type { Endpoint, ResourceTable, QueryParam, MultipartPart, HttpMethod } from "./management/endpoint.js";
/** The interfaces of every Management API resource and sub-resource (`Resources.Users`, `Resources.UsersRoles`, …). */
export type * as Resources from "./management/generated/resources/index.js";
export { ManagementError, ManagementTimeoutError, ManagementAbortError } from "./management/errors.js";
export type { Uploadable, NamedUpload, NodeReadableLike } from "./management/uploadable.js";
export type { TokenCache, CachedToken, TokenCacheFetchOptions } from "./management/token-cache.js";
export { memoryTokenCache } from "./management/token-cache.js";
export { TokenEndpointError } from "./management/token-provider.js";
export { HttpResponseHeadersUtils, ManagementEnvironment } from "./management/quota-headers.js";
export type { TokenQuotaLimit, TokenQuotaBucket, QuotaBucket, QuotaLimits, HeaderSource } from "./management/quota-headers.js";

// Authentication API and /userinfo: clients, request and response types, errors
export * from "./auth/public.js";

// Per-call options and results
export type { RequestOptions, HeaderValue } from "./core/request-options.js";
export { CustomDomainHeader, withTimeout, withRetries, withHeaders, withAbortSignal } from "./core/request-options.js";
export { HttpResponsePromise } from "./core/http-response-promise.js";
export type { WithRawResponse } from "./core/http-response-promise.js";
export { Page } from "./core/page.js";
export type { PageSource } from "./core/page.js";
export { Stream } from "./core/stream.js";
export type { Auth0Api, RawResponse, PipelineRequest, PipelineResponse, Operation, ResponseBodyMode } from "./core/http.js";

// The core: middleware, hooks, plugins, transport
export { BaseAPI } from "./core/base-api.js";
export { CoreClient } from "./core/client.js";
export type { CoreClientConfig, CallSpec, TokenProviderTools, WithPlugins } from "./core/client.js";
export type { CoreClientOptions, ResolvedClientOptions } from "./core/options.js";
export { Pipeline, BUILT_IN_LINKS } from "./core/pipeline.js";
export type { PipelineMiddleware, Next, Fetcher, MiddlewareEntry, MiddlewarePlacement, BuiltInLinkName } from "./core/pipeline.js";
export { definePlugin } from "./core/plugin.js";
export type { Plugin, PluginContext, PluginExtension, PluginExtensions } from "./core/plugin.js";
export { ClientContainer, createToken } from "./core/container.js";
export type { Token } from "./core/container.js";
export { Tokens } from "./core/tokens.js";
export type { ClientHooks, ClientHookName, ClientHookable, RetryReason } from "./core/hooks.js";
export { createLevelledLogger } from "./core/logger.js";
/** v5's `logging` namespace: `logging.ConsoleLogger`, `logging.LogLevel`, and the option's types. */
export * as logging from "./core/logging-namespace.js";
export type { Logger, LogConfig, LogLevel, LevelledLogger } from "./core/logger.js";
export type { TokenProvider } from "./core/token-provider.js";
export { SKIP_AUTH } from "./core/token-provider.js";
export type { ClientInfo } from "./core/telemetry.js";
export { throttle, throttlePlugin, apiBucket, rateLimitWaitMs } from "./plugins/throttle/index.js";
export type { ThrottleOptions, ThrottleClock } from "./plugins/throttle/index.js";
export { retry, REPLAY_SAFE, RETRY_AT } from "./middleware/retry.js";
export type { RetryOptions } from "./middleware/retry.js";
export { auth } from "./middleware/auth.js";
export { customDomain, CUSTOM_DOMAIN_PATHS } from "./middleware/custom-domain.js";
export { timeout } from "./middleware/timeout.js";
export { logging as loggingMiddleware } from "./middleware/logging.js";
export { rawResponse, rawResponsesOf } from "./middleware/raw-response.js";
export { kyFetcher } from "./transport/ky-fetcher.js";
export { parseBody as parseResponseBody, readResponseText, transportError } from "./transport/read-response.js";
export { fetchFetcher, type FetchFunction } from "./transport/fetch-fetcher.js";
export { abortSourceOf } from "./core/attempt-abort.js";
export type { AbortSource } from "./core/attempt-abort.js";
export { SDK_VERSION } from "./core/version.js";
export { isSecretKey, redactHeaders, redactUrl, redactValue, REDACTED } from "./core/redact.js";
export { customFetcher } from "./transport/custom-fetcher.js";
export type { CustomFetcher, CustomFetcherArgs, CustomFetcherResult, CustomFetcherError } from "./transport/custom-fetcher-types.js";
export { InvalidInputError, PluginError, RequestTimeoutError, RequestAbortedError, NetworkError, RedirectError, ResponseTooLargeError, MissingRuntimeFeatureError } from "./core/errors.js";
export { encodePathSegment } from "./core/validate.js";
