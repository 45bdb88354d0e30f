import { oauthError } from "../../errors.js";
import { nowSeconds } from "../../internal/clock.js";
import { otpKey } from "../auth-state.js";
import { passwordlessUser } from "../passwordless-user.js";
import { issueUserTokens, loginOrganization, recordLogin, requestedUserScopes } from "../user-tokens.js";
import type { GrantHandler } from "./grant-handler.js";

/**
 * `passwordless/otp`: the code `/passwordless/start` sent (read it with `tenant.lastOtp()`). A code is single-use; the
 * user is created in the `email`/`sms` connection on first login, as Auth0 does.
 */
export const passwordlessOtpGrant: GrantHandler = async (params, client, ctx) => {
  const username = params.require("username");
  const otp = params.require("otp");
  const realm = params.require("realm");
  if (realm !== "email" && realm !== "sms") throw oauthError(400, "invalid_request", `Unknown realm: ${realm}`);

  const key = otpKey(realm, username);
  const challenge = ctx.auth.otps.get(key);
  const wrong = realm === "email" ? "Wrong email or verification code." : "Wrong phone number or verification code.";
  if (
    !challenge ||
    challenge.otp !== otp ||
    challenge.expiresAt < nowSeconds() ||
    challenge.clientId !== client.client_id
  ) {
    throw oauthError(403, "invalid_grant", wrong);
  }
  ctx.auth.otps.delete(key);

  const user = passwordlessUser(ctx, realm, username);
  if (user.blocked) throw oauthError(401, "unauthorized", "user is blocked");
  if (realm === "email") user.email_verified = true;
  else user.phone_verified = true;

  const organization = loginOrganization(ctx, params.get("organization"), user);
  recordLogin(ctx, client, user, "Successful login");
  const audience = params.get("audience");
  return issueUserTokens(ctx, {
    client,
    user,
    scopes: requestedUserScopes(params.scopes()),
    ...(audience !== undefined ? { audience } : {}),
    ...(organization ? { organization } : {}),
    authTime: nowSeconds(),
  });
};
