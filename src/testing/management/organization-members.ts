import type { TenantContext } from "../context.js";
import { managementError } from "../errors.js";
import { empty } from "../http/reply.js";
import type { JsonObject } from "../internal/json.js";
import type { MemberRecord, OrganizationRecord } from "../state/records.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { project } from "./projection.js";
import { requireOrganization, requireRoles, requireUser } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { organizationView, roleView } from "./views.js";

/** Organization membership: `/organizations/{id}/members`, members' roles, and `/users/{id}/organizations`. */

function requireMember(organization: OrganizationRecord, userId: string): MemberRecord {
  const member = organization.members.find((candidate) => candidate.user_id === userId);
  if (!member) throw managementError(404, "The user is not a member of the organization", "inexistent_member");
  return member;
}

function listMembers(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const wantsRoles = (request.query.get("fields") ?? "").split(",").includes("roles");
  return listReply(organization.members, request.query, {
    itemsField: "members",
    checkpoint: true,
    render: (member) => {
      const user = ctx.store.data.users.get(member.user_id);
      const view: JsonObject = {
        user_id: member.user_id,
        email: user?.email,
        picture: user?.picture,
        name: user?.name,
      };
      if (wantsRoles) {
        view["roles"] = member.roleIds.flatMap((id) => {
          const role = ctx.store.data.roles.get(id);
          return role ? [{ id: role.id, name: role.name }] : [];
        });
      }
      return project(view, request.query);
    },
  });
}

function addMembers(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const userIds = BodyFields.from(request.body).requiredStringArray("members");
  for (const id of userIds) requireUser(ctx, id);
  for (const id of userIds) {
    if (!organization.members.some((member) => member.user_id === id))
      organization.members.push({ user_id: id, roleIds: [] });
  }
  return empty(204);
}

function removeMembers(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const removed = new Set(BodyFields.from(request.body).requiredStringArray("members"));
  organization.members = organization.members.filter((member) => !removed.has(member.user_id));
  return empty(204);
}

function listMemberRoles(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const member = requireMember(organization, pathParam(request, "user_id"));
  const roles = member.roleIds.flatMap((id) => {
    const role = ctx.store.data.roles.get(id);
    return role ? [role] : [];
  });
  return listReply(roles, request.query, { itemsField: "roles", render: roleView });
}

function assignMemberRoles(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const member = requireMember(organization, pathParam(request, "user_id"));
  const roleIds = requireRoles(ctx, BodyFields.from(request.body).requiredStringArray("roles"));
  member.roleIds = [...new Set([...member.roleIds, ...roleIds])];
  return empty(204);
}

function removeMemberRoles(request: ManagementRequest, ctx: TenantContext) {
  const organization = requireOrganization(ctx, pathParam(request, "id"));
  const member = requireMember(organization, pathParam(request, "user_id"));
  const removed = new Set(BodyFields.from(request.body).requiredStringArray("roles"));
  member.roleIds = member.roleIds.filter((id) => !removed.has(id));
  return empty(204);
}

function listUserOrganizations(request: ManagementRequest, ctx: TenantContext) {
  const user = requireUser(ctx, pathParam(request, "id"));
  const organizations = [...ctx.store.data.organizations.values()].filter((organization) =>
    organization.members.some((member) => member.user_id === user.user_id),
  );
  return listReply(organizations, request.query, { itemsField: "organizations", render: organizationView });
}

export const organizationMemberRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/organizations/{id}/members",
    scopes: ["read:organization_members"],
    summary: "Get members who belong to an organization",
    handle: listMembers,
  },
  {
    method: "POST",
    path: "/organizations/{id}/members",
    scopes: ["create:organization_members"],
    summary: "Add members to an organization",
    handle: addMembers,
  },
  {
    method: "DELETE",
    path: "/organizations/{id}/members",
    scopes: ["delete:organization_members"],
    summary: "Delete members from an organization",
    handle: removeMembers,
  },
  {
    method: "GET",
    path: "/organizations/{id}/members/{user_id}/roles",
    scopes: ["read:organization_member_roles"],
    summary: "Get user roles assigned to an Organization member",
    handle: listMemberRoles,
  },
  {
    method: "POST",
    path: "/organizations/{id}/members/{user_id}/roles",
    scopes: ["create:organization_member_roles"],
    summary: "Assign user roles to an Organization member",
    handle: assignMemberRoles,
  },
  {
    method: "DELETE",
    path: "/organizations/{id}/members/{user_id}/roles",
    scopes: ["delete:organization_member_roles"],
    summary: "Delete user roles from an Organization member",
    handle: removeMemberRoles,
  },
  {
    method: "GET",
    path: "/users/{id}/organizations",
    scopes: ["read:organizations"],
    summary: "List user's organizations",
    handle: listUserOrganizations,
  },
];
