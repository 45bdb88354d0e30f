import type { TenantContext } from "../context.js";
import type { IncomingRequest } from "../http/incoming-request.js";
import { empty, type Reply } from "../http/reply.js";
import { authenticateClient } from "./client-authentication.js";
import { Params } from "./params.js";

/** POST /oauth/revoke: revokes a refresh token (and its rotation family). Unknown tokens are a silent success. */
export async function revokeToken(request: IncomingRequest, ctx: TenantContext): Promise<Reply> {
  const params = Params.fromBody(request.body);
  const token = params.require("token");
  const client = await authenticateClient(request, params, ctx);
  const grant = ctx.auth.refreshTokens.get(token);
  if (grant && grant.clientId === client.client_id) {
    ctx.auth.revokeRefreshFamily(grant.family);
    ctx.events.record({
      type: "srrt",
      description: "Successful Refresh Token Revocation",
      client_id: client.client_id,
      client_name: client.name,
      user_id: grant.userId,
    });
  }
  return empty(200);
}
