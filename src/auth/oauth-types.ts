import type { IDTokenValidateOptions } from "./id-token/options.js";
import type { InitOverride } from "./init-overrides.js";

export interface TokenSet {
  access_token: string;
  /** With the `offline_access` scope. */
  refresh_token?: string;
  id_token?: string;
  token_type: "Bearer";
  /** Seconds the access token is valid for. */
  expires_in: number;
}

export interface GrantOptions {
  idTokenValidateOptions?: Pick<IDTokenValidateOptions, "organization">;
  initOverrides?: InitOverride;
}

export interface AuthorizationCodeGrantOptions {
  idTokenValidateOptions?: IDTokenValidateOptions;
  initOverrides?: InitOverride;
}

/** Client authentication a call may bring itself, instead of the client's. */
export interface ClientCredentials {
  /** Overrides the client's `clientId`. */
  client_id?: string;
  /** Overrides the client's `clientSecret`. */
  client_secret?: string;
  /** Your own client assertion, instead of one signed with `clientAssertionSigningKey`. */
  client_assertion?: string;
  client_assertion_type?: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
}

export interface AuthorizationCodeGrantRequest extends ClientCredentials {
  /** The code `/authorize` returned. */
  code: string;
  /** Required when it was sent to `/authorize`; the values must match. */
  redirect_uri?: string;
  /** Any other parameter is sent as given. */
  [key: string]: unknown;
}

export interface AuthorizationCodeGrantWithPKCERequest extends AuthorizationCodeGrantRequest {
  /** The verifier whose challenge was sent to `/authorize`. */
  code_verifier: string;
}

export interface ClientCredentialsGrantRequest extends ClientCredentials {
  /** The API to get an access token for. */
  audience: string;
  organization?: string;
}

export interface PushedAuthorizationRequest extends ClientCredentials {
  redirect_uri: string;
  response_type: string;
  response_mode?: string;
  nonce?: string;
  state?: string;
  connection?: string;
  scope?: string;
  audience?: string;
  organization?: string;
  invitation?: string;
  code_challenge?: string;
  /** A signed request object (JAR). */
  request?: string;
  /** Rich Authorization Requests: a JSON string. */
  authorization_details?: string;
  [key: string]: unknown;
}

export interface PushedAuthorizationResponse {
  /** Single-use reference to the pushed request, for `/authorize?request_uri=…`. */
  request_uri: string;
  expires_in: number;
}

export interface PasswordGrantRequest extends ClientCredentials {
  audience?: string;
  username: string;
  password: string;
  scope?: string;
  /** A connection name: switches the grant to `password-realm`. */
  realm?: string;
}

export interface RefreshTokenGrantRequest extends ClientCredentials {
  refresh_token: string;
  /** A narrower set of the original scopes. */
  scope?: string;
  [key: string]: unknown;
}

/** The device authorization grant's parameters (v5 declares the type; no method sends it). */
export interface DeviceCodeGrantRequest {
  /** Overrides the client's `clientId`. */
  client_id?: string;
  /** The device code `/oauth/device/code` returned. */
  device_code: string;
}

/** A token exchange's parameters (v5 declares the type; `client.tokenExchange` is the method that sends one). */
export interface TokenExchangeGrantRequest {
  /** Overrides the client's `clientId`. */
  client_id?: string;
  /** The externally issued token that represents the user. */
  subject_token: string;
  audience?: string;
  scope?: string;
  /** JSON of the user's profile, for native iOS sign-in. */
  user_profile: string;
}

export interface RevokeRefreshTokenRequest extends ClientCredentials {
  /** The refresh token to revoke. */
  token: string;
}

export enum SUBJECT_TOKEN_TYPES {
  REFRESH_TOKEN = "urn:ietf:params:oauth:token-type:refresh_token",
  ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token",
}

/** Exchange a token for a federated connection's access token. */
export interface TokenForConnectionRequest {
  subject_token: string;
  /** e.g. `google-oauth2`. */
  connection: string;
  /** Default: a refresh token. */
  subject_token_type?: SUBJECT_TOKEN_TYPES;
  login_hint?: string;
}

export interface TokenForConnectionResponse {
  access_token: string;
  scope?: string;
  /** Seconds since the epoch. */
  expires_at: number;
  connection: string;
  [key: string]: unknown;
}

