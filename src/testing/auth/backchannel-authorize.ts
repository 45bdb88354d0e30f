import type { TenantContext } from "../context.js";
import { oauthError } from "../errors.js";
import type { IncomingRequest } from "../http/incoming-request.js";
import { json, type Reply } from "../http/reply.js";
import { nowSeconds } from "../internal/clock.js";
import { randomToken } from "../internal/ids.js";
import { isJsonObject } from "../internal/json.js";
import { authenticateClient } from "./client-authentication.js";
import { Params } from "./params.js";

const DEFAULT_EXPIRY_SECONDS = 300;
export const BACKCHANNEL_POLL_INTERVAL_SECONDS = 5;

/**
 * POST /bc-authorize (CIBA): registers a pending request for the user named by `login_hint`
 * (`{"format":"iss_sub","iss":"<issuer>","sub":"<user id>"}`). It stays pending until the test approves or denies it.
 */
export async function backchannelAuthorize(request: IncomingRequest, ctx: TenantContext): Promise<Reply> {
  const params = Params.fromBody(request.body);
  const client = await authenticateClient(request, params, ctx);
  const scopes = params.scopes() ?? [];
  if (!scopes.includes("openid")) throw oauthError(400, "invalid_request", "openid scope is required");
  const bindingMessage = params.require("binding_message");
  const userId = loginHintSubject(params.require("login_hint"));
  if (!ctx.store.data.users.has(userId)) throw oauthError(400, "unknown_user_id", `The user ${userId} does not exist`);

  const requested = Number(params.get("requested_expiry") ?? DEFAULT_EXPIRY_SECONDS);
  const expiresIn = Number.isFinite(requested) && requested > 0 ? Math.min(requested, 300) : DEFAULT_EXPIRY_SECONDS;
  const authReqId = randomToken(24);
  const audience = params.get("audience");
  ctx.auth.backchannel.set(authReqId, {
    authReqId,
    clientId: client.client_id,
    userId,
    scopes,
    ...(audience !== undefined ? { audience } : {}),
    bindingMessage,
    expiresAt: nowSeconds() + expiresIn,
    status: "pending",
  });
  return json(200, { auth_req_id: authReqId, expires_in: expiresIn, interval: BACKCHANNEL_POLL_INTERVAL_SECONDS });
}

function loginHintSubject(loginHint: string): string {
  let hint: unknown;
  try {
    hint = JSON.parse(loginHint);
  } catch {
    throw oauthError(400, "invalid_request", "login_hint must be a JSON object");
  }
  if (!isJsonObject(hint) || hint["format"] !== "iss_sub" || typeof hint["sub"] !== "string") {
    throw oauthError(400, "invalid_request", 'login_hint must be {"format":"iss_sub","iss":"...","sub":"..."}');
  }
  return hint["sub"];
}
