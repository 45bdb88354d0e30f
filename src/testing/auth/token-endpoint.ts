import type { TenantContext } from "../context.js";
import { oauthError } from "../errors.js";
import type { IncomingRequest } from "../http/incoming-request.js";
import { json, type Reply } from "../http/reply.js";
import { authenticateClient } from "./client-authentication.js";
import { GRANT } from "../state/grant-types.js";
import { authorizationCodeGrant } from "./grants/authorization-code.js";
import { cibaGrant } from "./grants/ciba.js";
import { clientCredentialsGrant } from "./grants/client-credentials.js";
import type { GrantHandler } from "./grants/grant-handler.js";
import { passwordGrant } from "./grants/password.js";
import { passwordlessOtpGrant } from "./grants/passwordless-otp.js";
import { refreshTokenGrant } from "./grants/refresh-token.js";
import { Params } from "./params.js";

const GRANTS: Readonly<Record<string, GrantHandler>> = {
  [GRANT.clientCredentials]: clientCredentialsGrant,
  [GRANT.password]: passwordGrant,
  [GRANT.passwordRealm]: passwordGrant,
  [GRANT.authorizationCode]: authorizationCodeGrant,
  [GRANT.refreshToken]: refreshTokenGrant,
  [GRANT.passwordlessOtp]: passwordlessOtpGrant,
  [GRANT.ciba]: cibaGrant,
};

/** POST /oauth/token: authenticate the client, check it may use the grant, then hand over to the grant. */
export async function tokenEndpoint(request: IncomingRequest, ctx: TenantContext): Promise<Reply> {
  const params = Params.fromBody(request.body);
  const grantType = params.require("grant_type");
  const grant = GRANTS[grantType];
  if (!grant) throw oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grantType}`);

  const client = await authenticateClient(request, params, ctx);
  if (!client.grant_types.includes(grantType)) {
    throw oauthError(403, "unauthorized_client", `Grant type '${grantType}' not allowed for the client.`);
  }
  return json(200, await grant(params, client, ctx), { "cache-control": "no-store", pragma: "no-cache" });
}
