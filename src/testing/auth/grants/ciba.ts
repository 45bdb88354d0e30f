import { oauthError } from "../../errors.js";
import { nowSeconds } from "../../internal/clock.js";
import { issueUserTokens, recordLogin } from "../user-tokens.js";
import type { GrantHandler } from "./grant-handler.js";

/**
 * `urn:openid:params:grant-type:ciba`: polling for a `/bc-authorize` request. Pending until the test calls
 * `tenant.approveBackchannel()` (or `denyBackchannel()`); an approved request is redeemed once.
 */
export const cibaGrant: GrantHandler = async (params, client, ctx) => {
  const authReqId = params.require("auth_req_id");
  const request = ctx.auth.backchannel.get(authReqId);
  if (!request || request.clientId !== client.client_id) {
    throw oauthError(400, "invalid_grant", "Invalid or expired auth_req_id");
  }
  if (request.expiresAt < nowSeconds()) {
    ctx.auth.backchannel.delete(authReqId);
    throw oauthError(400, "expired_token", "The end-user authorization request has expired");
  }
  if (request.status === "pending") {
    throw oauthError(400, "authorization_pending", "The end-user authorization is pending");
  }
  ctx.auth.backchannel.delete(authReqId);
  if (request.status === "denied") {
    throw oauthError(400, "access_denied", "The end-user denied the authorization request or it has been expired");
  }

  const user = ctx.store.data.users.get(request.userId);
  if (!user) throw oauthError(400, "invalid_grant", "The user of this auth_req_id no longer exists");
  recordLogin(ctx, client, user, "Successful backchannel login");
  return issueUserTokens(ctx, {
    client,
    user,
    scopes: request.scopes,
    ...(request.audience !== undefined ? { audience: request.audience } : {}),
    authTime: nowSeconds(),
  });
};
