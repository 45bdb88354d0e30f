import type { TenantContext } from "../context.js";
import { invalidBody, notFound } from "../errors.js";
import { json } from "../http/reply.js";
import { randomToken } from "../internal/ids.js";
import type { UserRecord } from "../state/records.js";
import { BodyFields } from "./body.js";
import { requireConnection, requireUser } from "./require.js";
import type { ManagementRequest, ManagementRoute } from "./route.js";

/** The user a ticket is for: `user_id`, or `email` + `connection_id`. */
function ticketUser(body: BodyFields, ctx: TenantContext): UserRecord {
  const userId = body.string("user_id");
  if (userId !== undefined) return requireUser(ctx, userId);
  const email = body.string("email");
  const connectionId = body.string("connection_id");
  if (email === undefined || connectionId === undefined) throw invalidBody("'Missing required property: user_id'.");
  const user = ctx.store.userByEmail(email, requireConnection(ctx, connectionId).name);
  if (!user) throw notFound.user();
  return user;
}

function passwordChangeTicket(request: ManagementRequest, ctx: TenantContext) {
  ticketUser(BodyFields.from(request.body), ctx);
  return json(201, { ticket: `${ctx.urls.issuer}lo/reset?ticket=${randomToken(24)}#` });
}

function emailVerificationTicket(request: ManagementRequest, ctx: TenantContext) {
  requireUser(ctx, BodyFields.from(request.body).requiredString("user_id"));
  return json(201, { ticket: `${ctx.urls.issuer}u/email-verification?ticket=${randomToken(24)}#` });
}

export const ticketRoutes: readonly ManagementRoute[] = [
  {
    method: "POST",
    path: "/tickets/password-change",
    scopes: ["create:user_tickets"],
    summary: "Create a password change ticket",
    handle: passwordChangeTicket,
  },
  {
    method: "POST",
    path: "/tickets/email-verification",
    scopes: ["create:user_tickets"],
    summary: "Create an email verification ticket",
    handle: emailVerificationTicket,
  },
];
