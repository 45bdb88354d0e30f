import type { TenantContext } from "../context.js";
import { invalidBody, notFound } from "../errors.js";
import { empty, json } from "../http/reply.js";
import { newId, randomAlphanumeric } from "../internal/ids.js";
import type { InvitationRecord, OrganizationRecord } from "../state/records.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { project } from "./projection.js";
import { requireClient, requireConnection, requireOrganization, requireRoles } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { invitationView } from "./views.js";

const DEFAULT_TTL_SECONDS = 7 * 24 * 3600;

function requireInvitation(organization: OrganizationRecord, id: string): InvitationRecord {
  const invitation = organization.invitations.find((candidate) => candidate.id === id);
  if (!invitation) throw notFound.invitation();
  return invitation;
}

function listInvitations(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const invitations = [...organization.invitations];
  if (request.query.get("sort") === "created_at:-1") invitations.reverse();
  return listReply(invitations, request.query, {
    itemsField: "invitations",
    render: (invitation) => project(invitationView(invitation), request.query),
  });
}

/** Creates an invitation and "sends" its link (see `tenant.sentMessages()`). */
function createInvitation(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const body = BodyFields.from(request.body);
  const inviter = body.object("inviter");
  const invitee = body.object("invitee");
  if (!inviter || typeof inviter["name"] !== "string") throw invalidBody("'Missing required property: inviter.name'.");
  if (!invitee || typeof invitee["email"] !== "string")
    throw invalidBody("'Missing required property: invitee.email'.");
  const clientId = requireClient(ctx, body.requiredString("client_id")).client_id;
  const connectionId = body.string("connection_id");
  if (connectionId !== undefined) requireConnection(ctx, connectionId);
  const roles = requireRoles(ctx, body.stringArray("roles") ?? []);
  const ttl = body.number("ttl_sec") || DEFAULT_TTL_SECONDS;

  const ticketId = randomAlphanumeric(32);
  const created = new Date();
  const invitation: InvitationRecord = {
    id: newId.invitation(),
    organization_id: organization.id,
    inviter,
    invitee,
    client_id: clientId,
    ...(connectionId !== undefined ? { connection_id: connectionId } : {}),
    roles,
    app_metadata: body.object("app_metadata") ?? {},
    user_metadata: body.object("user_metadata") ?? {},
    created_at: created.toISOString(),
    expires_at: new Date(created.getTime() + ttl * 1000).toISOString(),
    ticket_id: ticketId,
    invitation_url: `${ctx.urls.issuer}login?invitation=${ticketId}&organization=${organization.id}&organization_name=${encodeURIComponent(organization.name)}`,
  };
  organization.invitations.push(invitation);
  if (body.boolean("send_invitation_email") !== false) {
    ctx.auth.outbox.push({
      kind: "invitation",
      to: invitee["email"],
      link: invitation.invitation_url,
      sentAt: new Date(),
    });
  }
  return json(200, invitationView(invitation));
}

function deleteInvitation(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const invitation = requireInvitation(organization, pathParam(request, "invitation_id"));
  organization.invitations = organization.invitations.filter((candidate) => candidate !== invitation);
  return empty(204);
}

function getInvitation(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const invitation = requireInvitation(organization, pathParam(request, "invitation_id"));
  return json(200, project(invitationView(invitation), request.query));
}

export const organizationInvitationRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/organizations/{id}/invitations",
    scopes: ["read:organization_invitations"],
    summary: "Get invitations to an organization",
    handle: listInvitations,
  },
  {
    method: "POST",
    path: "/organizations/{id}/invitations",
    scopes: ["create:organization_invitations"],
    summary: "Create invitations to an organization",
    handle: createInvitation,
  },
  {
    method: "GET",
    path: "/organizations/{id}/invitations/{invitation_id}",
    scopes: ["read:organization_invitations"],
    summary: "Get a specific invitation to an Organization",
    handle: getInvitation,
  },
  {
    method: "DELETE",
    path: "/organizations/{id}/invitations/{invitation_id}",
    scopes: ["delete:organization_invitations"],
    summary: "Delete an invitation to an Organization",
    handle: deleteInvitation,
  },
];
