import type { TenantContext } from "../context.js";
import { oauthError } from "../errors.js";
import type { IncomingRequest } from "../http/incoming-request.js";
import { json, type Reply } from "../http/reply.js";
import { nowSeconds } from "../internal/clock.js";
import { randomToken } from "../internal/ids.js";
import { authenticateClient } from "./client-authentication.js";
import { Params } from "./params.js";

const REQUEST_URI_LIFETIME_SECONDS = 30;

/** POST /oauth/par (RFC 9126): stores the authorization request, answers with its `request_uri`. */
export async function pushedAuthorization(request: IncomingRequest, ctx: TenantContext): Promise<Reply> {
  const params = Params.fromBody(request.body);
  const client = await authenticateClient(request, params, ctx);
  params.require("response_type");
  const redirectUri = params.require("redirect_uri");
  if (client.callbacks.length > 0 && !client.callbacks.includes(redirectUri)) {
    throw oauthError(
      400,
      "invalid_request",
      `The redirect_uri "${redirectUri}" is not in the list of allowed callback URLs`,
    );
  }
  const requestUri = `urn:ietf:params:oauth:request_uri:${randomToken(24)}`;
  ctx.auth.pushedRequests.set(requestUri, {
    clientId: client.client_id,
    expiresAt: nowSeconds() + REQUEST_URI_LIFETIME_SECONDS,
  });
  return json(201, { request_uri: requestUri, expires_in: REQUEST_URI_LIFETIME_SECONDS });
}
