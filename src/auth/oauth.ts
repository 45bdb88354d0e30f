import { jsonResponse, voidResponse } from "./api-requester.js";
import type { JSONApiResponse, VoidApiResponse } from "./api-response.js";
import { withClientAuthentication, type AuthContext } from "./auth-context.js";
import { authContextOf, BaseAuthAPI } from "./base-auth-api.js";
import type { IDTokenValidator } from "./id-token/options.js";
import type { InitOverride } from "./init-overrides.js";
import {
  type AuthorizationCodeGrantOptions,
  type AuthorizationCodeGrantRequest,
  type AuthorizationCodeGrantWithPKCERequest,
  type ClientCredentialsGrantRequest,
  type GrantOptions,
  type PasswordGrantRequest,
  type PushedAuthorizationRequest,
  type PushedAuthorizationResponse,
  type RefreshTokenGrantRequest,
  type RevokeRefreshTokenRequest,
  type TokenForConnectionRequest,
  type TokenSet,
} from "./oauth-types.js";
import { requireParams } from "./required-params.js";
import { tokenGrant } from "./token-grant.js";

/** The token endpoint's path. */
export const TOKEN_URL = "/oauth/token";
/** The `subject_token_type` `tokenForConnection` sends unless told otherwise: a refresh token. */
export const TOKEN_FOR_CONNECTION_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token";
export const TOKEN_FOR_CONNECTION_GRANT_TYPE = "urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token";
export const TOKEN_FOR_CONNECTION_REQUESTED_TOKEN_TYPE = "http://auth0.com/oauth/token-type/federated-connection-access-token";

/**
 * The token, PAR and revocation endpoints (`client.oauth`, or `new OAuth(options)` with the `AuthenticationClient`
 * options), on the mTLS host when `useMTLS` is set. ID tokens the grants return are validated before you see them.
 */
export class OAuth extends BaseAuthAPI {
  readonly #context: AuthContext = authContextOf(this);

  /** Validates the ID tokens the grants return. */
  get idTokenValidator(): IDTokenValidator {
    return this.#context.idTokens;
  }

  async authorizationCodeGrant(
    bodyParameters: AuthorizationCodeGrantRequest,
    options: AuthorizationCodeGrantOptions = {},
  ): Promise<JSONApiResponse<TokenSet>> {
    requireParams(bodyParameters, ["code"]);
    return this.#grant("authorization_code", bodyParameters, options);
  }

  async authorizationCodeGrantWithPKCE(
    bodyParameters: AuthorizationCodeGrantWithPKCERequest,
    options: AuthorizationCodeGrantOptions = {},
  ): Promise<JSONApiResponse<TokenSet>> {
    requireParams(bodyParameters, ["code", "code_verifier"]);
    return this.#grant("authorization_code", bodyParameters, options);
  }

  async clientCredentialsGrant(
    bodyParameters: ClientCredentialsGrantRequest,
    options: { initOverrides?: InitOverride } = {},
  ): Promise<JSONApiResponse<TokenSet>> {
    requireParams(bodyParameters, ["audience"]);
    return this.#grant("client_credentials", bodyParameters, { initOverrides: options.initOverrides });
  }

  async pushedAuthorization(
    bodyParameters: PushedAuthorizationRequest,
    options: { initOverrides?: InitOverride } = {},
  ): Promise<JSONApiResponse<PushedAuthorizationResponse>> {
    requireParams(bodyParameters, ["client_id", "response_type", "redirect_uri"]);
    const origin = this.#context.oauthOrigin;
    const parameters = await withClientAuthentication(this.#context, bodyParameters, origin);
    const reply = await this.#context.requester.call({
      method: "POST",
      url: `${origin}/oauth/par`,
      path: "/oauth/par",
      form: { client_id: this.#context.clientId, ...parameters },
      initOverrides: options.initOverrides,
    });
    return jsonResponse<PushedAuthorizationResponse>(reply);
  }

  async passwordGrant(bodyParameters: PasswordGrantRequest, options: GrantOptions = {}): Promise<JSONApiResponse<TokenSet>> {
    requireParams(bodyParameters, ["username", "password"]);
    const grantType = bodyParameters.realm ? "http://auth0.com/oauth/grant-type/password-realm" : "password";
    return this.#grant(grantType, bodyParameters, options);
  }

  async refreshTokenGrant(bodyParameters: RefreshTokenGrantRequest, options: GrantOptions = {}): Promise<JSONApiResponse<TokenSet>> {
    requireParams(bodyParameters, ["refresh_token"]);
    return this.#grant("refresh_token", bodyParameters, options);
  }

  async revokeRefreshToken(bodyParameters: RevokeRefreshTokenRequest, options: { initOverrides?: InitOverride } = {}): Promise<VoidApiResponse> {
    requireParams(bodyParameters, ["token"]);
    const origin = this.#context.oauthOrigin;
    const json = await withClientAuthentication(this.#context, { client_id: this.#context.clientId, ...bodyParameters }, origin);
    const reply = await this.#context.requester.call({
      method: "POST",
      url: `${origin}/oauth/revoke`,
      path: "/oauth/revoke",
      json,
      initOverrides: options.initOverrides,
    });
    return voidResponse(reply);
  }

  async tokenForConnection(bodyParameters: TokenForConnectionRequest, options: { initOverrides?: InitOverride } = {}): Promise<JSONApiResponse<TokenSet>> {
    requireParams(bodyParameters, ["connection", "subject_token"]);
    const origin = this.#context.oauthOrigin;
    // v5 sends no client_id here: the client authentication identifies the client.
    const form = await withClientAuthentication(
      this.#context,
      {
        subject_token_type: TOKEN_FOR_CONNECTION_TOKEN_TYPE,
        ...bodyParameters,
        grant_type: TOKEN_FOR_CONNECTION_GRANT_TYPE,
        requested_token_type: TOKEN_FOR_CONNECTION_REQUESTED_TOKEN_TYPE,
      },
      origin,
    );
    const reply = await this.#context.requester.call({
      method: "POST",
      url: `${origin}${TOKEN_URL}`,
      path: TOKEN_URL,
      form,
      initOverrides: options.initOverrides,
    });
    return jsonResponse<TokenSet>(reply);
  }

  async #grant(
    grantType: string,
    bodyParameters: object,
    options: AuthorizationCodeGrantOptions | GrantOptions,
  ): Promise<JSONApiResponse<TokenSet>> {
    const origin = this.#context.oauthOrigin;
    const parameters = await withClientAuthentication(this.#context, bodyParameters, origin);
    return tokenGrant(this.#context, origin, grantType, parameters, options);
  }
}
