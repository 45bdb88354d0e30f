/**
 * The public surface of the Authentication API and `/userinfo` clients, re-exported by the package's main entry.
 * (`auth/mtls-node.ts` is not here on purpose: it is Node-only and has its own entry.)
 */
export { AuthenticationClient } from "./authentication-client.js";
export type { AuthenticationClientOptions, ClientOptions, Configuration, UserInfoClientOptions, RetryConfiguration, FetchAPI } from "./client-options.js";
export type { FetchParams, RequestContext, ResponseContext, ErrorContext, MiddlewareFetch, Middleware } from "./middleware-contexts.js";
export { hookMiddleware } from "./hook-middleware.js";
export type { AuthClientMiddleware } from "./middleware-option.js";
export { JSONApiResponse, VoidApiResponse, TextApiResponse } from "./api-response.js";
export type { ApiResponse } from "./api-response.js";
export type { InitOverride, InitOverrideFunction, HTTPRequestInit, RequestOpts, HTTPMethod, HTTPHeaders, HTTPQuery, HTTPBody } from "./init-overrides.js";
export { AuthApiError, ResponseError, TimeoutError, FetchError, RequiredError, IdTokenValidatorError } from "./errors.js";
export type { IDTokenValidateOptions, IDTokenValidator } from "./id-token/options.js";

export { parseError } from "./parse-error.js";
export { BaseAuthAPI } from "./base-auth-api.js";
export { SUBJECT_TOKEN_TYPES } from "./oauth-types.js";
export { OAuth, TOKEN_URL, TOKEN_FOR_CONNECTION_GRANT_TYPE, TOKEN_FOR_CONNECTION_TOKEN_TYPE, TOKEN_FOR_CONNECTION_REQUESTED_TOKEN_TYPE } from "./oauth.js";
export type {
  TokenSet,
  GrantOptions,
  AuthorizationCodeGrantOptions,
  ClientCredentials,
  AuthorizationCodeGrantRequest,
  AuthorizationCodeGrantWithPKCERequest,
  ClientCredentialsGrantRequest,
  PushedAuthorizationRequest,
  PushedAuthorizationResponse,
  PasswordGrantRequest,
  DeviceCodeGrantRequest,
  TokenExchangeGrantRequest,
  RefreshTokenGrantRequest,
  RevokeRefreshTokenRequest,
  TokenForConnectionRequest,
  TokenForConnectionResponse,
} from "./oauth-types.js";
export { Database } from "./database.js";
export type { SignUpRequest, SignUpResponse, ChangePasswordRequest } from "./database.js";
export { Passwordless } from "./passwordless.js";
export type {
  SendEmailRequest,
  SendEmailLinkRequest,
  SendEmailCodeRequest,
  SendSmsRequest,
  LoginWithEmailRequest,
  LoginWithSMSRequest,
} from "./passwordless.js";
export type { Backchannel, AuthorizeOptions, AuthorizeResponse, AuthorizationDetails, TokenOptions, TokenResponse } from "./backchannel.js";
export type { CustomTokenExchange, CustomTokenExchangeOptions } from "./token-exchange.js";

export { UserInfoClient } from "../userinfo/userinfo-client.js";
export type { UserInfoChecks } from "../userinfo/userinfo-client.js";
export type { UserInfoResponse } from "../userinfo/userinfo-response.js";
export { UserInfoError } from "../userinfo/errors.js";
