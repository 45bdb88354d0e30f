import { createHash } from "node:crypto";
import { oauthError } from "../../errors.js";
import { nowSeconds } from "../../internal/clock.js";
import { issueUserTokens, recordLogin } from "../user-tokens.js";
import type { GrantHandler } from "./grant-handler.js";

/**
 * `authorization_code`, with PKCE when the code was issued with a challenge. Codes come from
 * `tenant.issueAuthorizationCode()` (the tenant has no login page) and are single-use: any exchange attempt spends one.
 */
export const authorizationCodeGrant: GrantHandler = async (params, client, ctx) => {
  const code = params.require("code");
  const grant = ctx.auth.codes.get(code);
  ctx.auth.codes.delete(code);
  if (!grant || grant.expiresAt < nowSeconds() || grant.clientId !== client.client_id) {
    throw oauthError(403, "invalid_grant", "Invalid authorization code");
  }
  const redirectUri = params.get("redirect_uri");
  if (grant.redirectUri !== undefined && redirectUri !== grant.redirectUri) {
    throw oauthError(403, "invalid_grant", "Invalid redirect_uri: it does not match the one used to get the code");
  }
  if (grant.codeChallenge !== undefined) {
    const verifier = params.get("code_verifier");
    if (verifier === undefined) throw oauthError(403, "invalid_grant", "Parameter 'code_verifier' is required");
    if (pkceChallenge(verifier, grant.codeChallengeMethod ?? "plain") !== grant.codeChallenge) {
      throw oauthError(403, "invalid_grant", "Failed to verify code verifier");
    }
  }

  const user = ctx.store.data.users.get(grant.userId);
  if (!user) throw oauthError(403, "invalid_grant", "Invalid authorization code");
  if (user.blocked) throw oauthError(401, "unauthorized", "user is blocked");
  const organization =
    grant.organizationId === undefined ? undefined : ctx.store.data.organizations.get(grant.organizationId);

  recordLogin(ctx, client, user, "Successful login");
  return issueUserTokens(ctx, {
    client,
    user,
    scopes: grant.scopes,
    ...(grant.audience !== undefined ? { audience: grant.audience } : {}),
    ...(organization ? { organization } : {}),
    ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
    authTime: nowSeconds(),
  });
};

export function pkceChallenge(verifier: string, method: "S256" | "plain"): string {
  return method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
}
