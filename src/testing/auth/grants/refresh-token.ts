import { oauthError } from "../../errors.js";
import { issueUserTokens } from "../user-tokens.js";
import type { GrantHandler } from "./grant-handler.js";

/**
 * `refresh_token` with rotation: each exchange spends the token and returns a new one. Presenting a spent token is
 * treated as theft, as Auth0 does: the whole family (every token descended from the same login) is revoked.
 */
export const refreshTokenGrant: GrantHandler = async (params, client, ctx) => {
  const token = params.require("refresh_token");
  const grant = ctx.auth.refreshTokens.get(token);
  if (!grant) {
    const family = ctx.auth.rotatedRefreshTokens.get(token);
    if (family !== undefined) ctx.auth.revokeRefreshFamily(family);
    throw oauthError(403, "invalid_grant", "Unknown or invalid refresh token.");
  }
  if (grant.clientId !== client.client_id) throw oauthError(403, "invalid_grant", "Unknown or invalid refresh token.");

  const user = ctx.store.data.users.get(grant.userId);
  if (!user) throw oauthError(403, "invalid_grant", "Unknown or invalid refresh token.");
  if (user.blocked) throw oauthError(401, "unauthorized", "user is blocked");

  const requested = params.scopes();
  const excess = (requested ?? []).filter((scope) => !grant.scopes.includes(scope));
  if (excess.length > 0)
    throw oauthError(403, "invalid_scope", `Scopes not granted to the refresh token: ${excess.join(" ")}`);

  ctx.auth.refreshTokens.delete(token);
  ctx.auth.rotatedRefreshTokens.set(token, grant.family);
  const organization =
    grant.organizationId === undefined ? undefined : ctx.store.data.organizations.get(grant.organizationId);
  ctx.events.record({
    type: "sertft",
    description: "Refresh Token for Access Token",
    client_id: client.client_id,
    client_name: client.name,
    user_id: user.user_id,
  });
  // Down-scoping narrows these tokens only; the new refresh token keeps the family's scopes.
  return issueUserTokens(ctx, {
    client,
    user,
    scopes: requested ?? grant.scopes,
    refreshScopes: grant.scopes,
    ...(grant.audience !== undefined ? { audience: grant.audience } : {}),
    ...(organization ? { organization } : {}),
    authTime: grant.authTime,
    refreshFamily: grant.family,
  });
};
