import type { TenantContext } from "../context.js";
import { oauthError } from "../errors.js";
import type { IncomingRequest } from "../http/incoming-request.js";
import { json, type Reply } from "../http/reply.js";
import { nowSeconds } from "../internal/clock.js";
import { newOtp, randomHex, randomToken } from "../internal/ids.js";
import { otpKey } from "./auth-state.js";
import { authenticateClient } from "./client-authentication.js";
import { Params } from "./params.js";

const OTP_LIFETIME_SECONDS = 300;

/**
 * POST /passwordless/start: "sends" a one-time code (or link) by email or SMS; tests read it with
 * `tenant.lastOtp()`.
 */
export async function passwordlessStart(request: IncomingRequest, ctx: TenantContext): Promise<Reply> {
  const params = Params.fromBody(request.body);
  const client = await authenticateClient(request, params, ctx);
  const connection = params.require("connection");
  if (connection !== "email" && connection !== "sms") {
    throw oauthError(400, "bad.connection", `Connection must be "email" or "sms", got "${connection}"`);
  }
  const identifier = connection === "email" ? params.get("email") : params.get("phone_number");
  if (identifier === undefined) {
    throw oauthError(
      400,
      "bad.request",
      `Missing required parameter: ${connection === "email" ? "email" : "phone_number"}`,
    );
  }

  const otp = newOtp();
  ctx.auth.otps.set(otpKey(connection, identifier), {
    realm: connection,
    identifier,
    otp,
    clientId: client.client_id,
    expiresAt: nowSeconds() + OTP_LIFETIME_SECONDS,
  });
  const sendsLink = connection === "email" && params.get("send") === "link";
  ctx.auth.outbox.push({
    kind: sendsLink ? "passwordless-link" : "passwordless-code",
    to: identifier,
    code: otp,
    ...(sendsLink
      ? { link: `${ctx.urls.issuer}passwordless/verify_redirect?verification_code=${otp}&state=${randomToken(12)}` }
      : {}),
    sentAt: new Date(),
  });
  ctx.events.record({
    type: connection === "email" ? "cls" : "cs",
    description: `Passwordless ${connection} sent`,
    client_id: client.client_id,
    client_name: client.name,
    user_name: identifier,
    connection,
  });

  const id = randomHex(12);
  return connection === "email"
    ? json(200, { _id: id, email: identifier, email_verified: false })
    : json(200, { _id: id, phone_number: identifier, phone_verified: false, request_language: null });
}
