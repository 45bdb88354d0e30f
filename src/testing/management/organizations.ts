import type { TenantContext } from "../context.js";
import { invalidBody, managementError, notFound } from "../errors.js";
import { empty, json } from "../http/reply.js";
import { buildOrganization } from "../state/entity-factories.js";
import type { OrganizationRecord } from "../state/records.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { requireOrganization } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { organizationView } from "./views.js";

const ORGANIZATION_NAME = /^[a-z0-9](?:[a-z0-9_-]{0,48}[a-z0-9])?$/;

export function assertOrganizationName(ctx: TenantContext, name: string, except?: string): void {
  if (!ORGANIZATION_NAME.test(name)) {
    throw invalidBody(
      `'String does not match pattern ^[a-z0-9](?:[a-z0-9_-]{0,48}[a-z0-9])?$: ${name}' on property name.`,
    );
  }
  const existing = ctx.store.organizationByRef(name);
  if (existing && existing.id !== except) {
    throw managementError(409, "An organization with this name already exists.", "organization_conflict");
  }
}

function listOrganizations(request: ManagementRequest, ctx: TenantContext) {
  let organizations = [...ctx.store.data.organizations.values()];
  const sort = request.query.get("sort");
  if (sort?.startsWith("name:") || sort?.startsWith("display_name:")) {
    const [field, direction] = sort.split(":");
    const key = (organization: OrganizationRecord): string =>
      (field === "display_name" ? organization.display_name : organization.name) ?? "";
    const sign = direction === "-1" ? -1 : 1;
    organizations = organizations.sort((a, b) => sign * key(a).localeCompare(key(b)));
  }
  return listReply(organizations, request.query, {
    itemsField: "organizations",
    checkpoint: true,
    render: organizationView,
  });
}

function createOrganization(request: ManagementRequest, ctx: TenantContext) {
  const body = BodyFields.from(request.body);
  const name = body.requiredString("name");
  assertOrganizationName(ctx, name);
  const displayName = body.string("display_name");
  const branding = body.object("branding");
  const metadata = body.object("metadata");
  const organization = buildOrganization({
    name,
    ...(displayName !== undefined ? { display_name: displayName } : {}),
    ...(branding !== undefined ? { branding } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
  });
  ctx.store.data.organizations.set(organization.id, organization);
  return json(201, organizationView(organization));
}

function updateOrganization(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const body = BodyFields.from(request.body);
  const name = body.string("name");
  if (name !== undefined) {
    assertOrganizationName(ctx, name, organization.id);
    organization.name = name;
  }
  const displayName = body.string("display_name");
  if (displayName !== undefined) organization.display_name = displayName;
  const branding = body.object("branding");
  if (branding !== undefined) organization.branding = branding;
  const metadata = body.object("metadata");
  if (metadata !== undefined) organization.metadata = metadata;
  return json(200, organizationView(organization));
}

function getOrganizationByName(request: ManagementRequest, ctx: TenantContext) {
  const name = pathParam(request, "name");
  const organization = [...ctx.store.data.organizations.values()].find((candidate) => candidate.name === name);
  if (!organization) throw notFound.organization();
  return json(200, organizationView(organization));
}

function deleteOrganization(request: ManagementRequest, ctx: TenantContext) {
  ctx.store.data.organizations.delete(requireOrganization(ctx, pathParam(request, "id")).id);
  return empty(204);
}

export const organizationRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/organizations",
    scopes: ["read:organizations", "read:organizations_summary"],
    summary: "Get organizations",
    handle: listOrganizations,
  },
  {
    method: "POST",
    path: "/organizations",
    scopes: ["create:organizations"],
    summary: "Create an Organization",
    handle: createOrganization,
  },
  {
    method: "GET",
    path: "/organizations/{id}",
    scopes: ["read:organizations", "read:organizations_summary"],
    summary: "Get organization",
    handle: (request, ctx) => json(200, organizationView(requireOrganization(ctx, pathParam(request, "id")))),
  },
  {
    method: "GET",
    path: "/organizations/name/{name}",
    scopes: ["read:organizations"],
    summary: "Get organization by name",
    handle: getOrganizationByName,
  },
  {
    method: "PATCH",
    path: "/organizations/{id}",
    scopes: ["update:organizations"],
    summary: "Modify an Organization",
    handle: updateOrganization,
  },
  {
    method: "DELETE",
    path: "/organizations/{id}",
    scopes: ["delete:organizations"],
    summary: "Delete organization",
    handle: deleteOrganization,
  },
];
