import { jsonResponse, voidResponse } from "./api-requester.js";
import type { JSONApiResponse, VoidApiResponse } from "./api-response.js";
import { withClientAuthentication, type AuthContext } from "./auth-context.js";
import type { IDTokenValidator } from "./id-token/options.js";
import type { InitOverride } from "./init-overrides.js";
import {
  SUBJECT_TOKEN_TYPES,
  type AuthorizationCodeGrantOptions,
  type AuthorizationCodeGrantRequest,
  type AuthorizationCodeGrantWithPKCERequest,
  type ClientCredentialsGrantRequest,
  type GrantOptions,
  type OAuth,
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

export const TOKEN_FOR_CONNECTION_GRANT_TYPE = "urn:auth0:params:oauth:grant-type:token-exchange:federated-connection-access-token";
export const TOKEN_FOR_CONNECTION_REQUESTED_TOKEN_TYPE = "http://auth0.com/oauth/token-type/federated-connection-access-token";

/** `client.oauth`: the token, PAR and revocation endpoints, on the mTLS host when `useMTLS` is set. */
export class OAuthEndpoints implements OAuth {
  readonly #context: AuthContext;

  constructor(context: AuthContext) {
    this.#context = context;
  }

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
        subject_token_type: SUBJECT_TOKEN_TYPES.REFRESH_TOKEN,
        ...bodyParameters,
        grant_type: TOKEN_FOR_CONNECTION_GRANT_TYPE,
        requested_token_type: TOKEN_FOR_CONNECTION_REQUESTED_TOKEN_TYPE,
      },
      origin,
    );
    const reply = await this.#context.requester.call({
      method: "POST",
      url: `${origin}/oauth/token`,
      path: "/oauth/token",
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
