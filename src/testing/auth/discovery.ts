import type { TenantContext } from "../context.js";
import { json, type Reply } from "../http/reply.js";

/** GET /.well-known/openid-configuration, with the endpoints this tenant serves. */
export function openidConfiguration(ctx: TenantContext): Reply {
  const issuer = ctx.urls.issuer;
  return json(200, {
    issuer,
    authorization_endpoint: `${issuer}authorize`,
    token_endpoint: `${issuer}oauth/token`,
    device_authorization_endpoint: `${issuer}oauth/device/code`,
    userinfo_endpoint: `${issuer}userinfo`,
    mfa_challenge_endpoint: `${issuer}mfa/challenge`,
    jwks_uri: `${issuer}.well-known/jwks.json`,
    registration_endpoint: `${issuer}oidc/register`,
    revocation_endpoint: `${issuer}oauth/revoke`,
    pushed_authorization_request_endpoint: `${issuer}oauth/par`,
    backchannel_authentication_endpoint: `${issuer}bc-authorize`,
    end_session_endpoint: `${issuer}oidc/logout`,
    scopes_supported: [
      "openid",
      "profile",
      "offline_access",
      "name",
      "given_name",
      "family_name",
      "nickname",
      "email",
      "email_verified",
      "picture",
      "created_at",
      "identities",
      "phone",
      "address",
    ],
    response_types_supported: [
      "code",
      "token",
      "id_token",
      "code token",
      "code id_token",
      "token id_token",
      "code token id_token",
    ],
    code_challenge_methods_supported: ["S256", "plain"],
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: ["RS256", "RS384", "PS256"],
    grant_types_supported: [
      "authorization_code",
      "client_credentials",
      "refresh_token",
      "password",
      "http://auth0.com/oauth/grant-type/password-realm",
      "http://auth0.com/oauth/grant-type/passwordless/otp",
      "urn:openid:params:grant-type:ciba",
    ],
    backchannel_token_delivery_modes_supported: ["poll"],
    backchannel_user_code_parameter_supported: false,
    claims_supported: [
      "aud",
      "auth_time",
      "created_at",
      "email",
      "email_verified",
      "exp",
      "family_name",
      "given_name",
      "iat",
      "identities",
      "iss",
      "name",
      "nickname",
      "phone_number",
      "picture",
      "sub",
    ],
    request_uri_parameter_supported: false,
    request_parameter_supported: false,
    require_pushed_authorization_requests: false,
  });
}

/** GET /.well-known/jwks.json: the current signing key, and the previous one during a rotation. */
export function jwksDocument(ctx: TenantContext): Reply {
  return json(200, ctx.keys.jwks(), { "cache-control": "public, max-age=15" });
}
