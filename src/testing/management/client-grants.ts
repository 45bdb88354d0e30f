import type { TenantContext } from "../context.js";
import { managementError } from "../errors.js";
import { empty, json } from "../http/reply.js";
import { buildClientGrant } from "../state/entity-factories.js";
import { canonicalAudience } from "../tenant-urls.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { requireClient, requireClientGrant } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { clientGrantView } from "./views.js";

function listClientGrants(request: ManagementRequest, ctx: TenantContext) {
  const { query } = request;
  const audience = query.get("audience");
  const clientId = query.get("client_id");
  const grants = [...ctx.store.data.clientGrants.values()].filter(
    (grant) =>
      (audience === null || grant.audience === canonicalAudience(ctx.urls, audience)) &&
      (clientId === null || grant.client_id === clientId),
  );
  return listReply(grants, query, { itemsField: "client_grants", checkpoint: true, render: clientGrantView });
}

function createClientGrant(request: ManagementRequest, ctx: TenantContext) {
  const body = BodyFields.from(request.body);
  const clientId = body.requiredString("client_id");
  const audience = canonicalAudience(ctx.urls, body.requiredString("audience"));
  const scope = body.stringArray("scope") ?? [];
  requireClient(ctx, clientId);
  if (!ctx.store.resourceServerByIdentifier(audience)) {
    throw managementError(404, `No resource server found by identifier ${audience}`, "inexistent_resource_server");
  }
  if (ctx.store.grantFor(clientId, audience)) {
    throw managementError(409, "A client grant for this client and audience already exists.", "client_grant_conflict");
  }
  const subjectType = body.string("subject_type");
  const allowAnyOrganization = body.boolean("allow_any_organization");
  const organizationUsage = body.string("organization_usage");
  const grant = buildClientGrant({
    client_id: clientId,
    audience,
    scope,
    ...(subjectType !== undefined ? { subject_type: subjectType } : {}),
    ...(allowAnyOrganization !== undefined ? { allow_any_organization: allowAnyOrganization } : {}),
    ...(organizationUsage !== undefined ? { organization_usage: organizationUsage } : {}),
  });
  ctx.store.data.clientGrants.set(grant.id, grant);
  return json(201, clientGrantView(grant));
}

function updateClientGrant(request: ManagementRequest, ctx: TenantContext) {
  const grant = requireClientGrant(ctx, pathParam(request, "id"));
  const body = BodyFields.from(request.body);
  const scope = body.stringArray("scope");
  if (scope !== undefined) grant.scope = scope;
  const allowAnyOrganization = body.boolean("allow_any_organization");
  if (allowAnyOrganization !== undefined) grant.allow_any_organization = allowAnyOrganization;
  const organizationUsage = body.string("organization_usage");
  if (organizationUsage !== undefined) grant.organization_usage = organizationUsage;
  return json(200, clientGrantView(grant));
}

function deleteClientGrant(request: ManagementRequest, ctx: TenantContext) {
  ctx.store.data.clientGrants.delete(requireClientGrant(ctx, pathParam(request, "id")).id);
  return empty(204);
}

export const clientGrantRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/client-grants",
    scopes: ["read:client_grants"],
    summary: "Get client grants",
    handle: listClientGrants,
  },
  {
    method: "POST",
    path: "/client-grants",
    scopes: ["create:client_grants"],
    summary: "Create client grant",
    handle: createClientGrant,
  },
  {
    method: "GET",
    path: "/client-grants/{id}",
    scopes: ["read:client_grants"],
    summary: "Get client grant",
    handle: (request, ctx) => json(200, clientGrantView(requireClientGrant(ctx, pathParam(request, "id")))),
  },
  {
    method: "PATCH",
    path: "/client-grants/{id}",
    scopes: ["update:client_grants"],
    summary: "Update client grant",
    handle: updateClientGrant,
  },
  {
    method: "DELETE",
    path: "/client-grants/{id}",
    scopes: ["delete:client_grants"],
    summary: "Delete client grant",
    handle: deleteClientGrant,
  },
];
