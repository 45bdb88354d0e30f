import type { TenantContext } from "../context.js";
import { managementError } from "../errors.js";
import { empty, json } from "../http/reply.js";
import { withPermissions, withoutPermissions } from "../state/permissions.js";
import { buildRole } from "../state/entity-factories.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { requireRole, requireUser } from "./require.js";
import { permissionView, roleView } from "./views.js";

function listRoles(request: ManagementRequest, ctx: TenantContext) {
  const filter = request.query.get("name_filter")?.toLowerCase();
  const roles = [...ctx.store.data.roles.values()].filter(
    (role) => !filter || role.name.toLowerCase().includes(filter),
  );
  return listReply(roles, request.query, { itemsField: "roles", render: roleView });
}

function createRole(request: ManagementRequest, ctx: TenantContext) {
  const body = BodyFields.from(request.body);
  const name = body.requiredString("name");
  assertNameFree(ctx, name);
  const description = body.string("description");
  const role = buildRole({ name, ...(description !== undefined ? { description } : {}) });
  ctx.store.data.roles.set(role.id, role);
  return json(200, roleView(role));
}

function assertNameFree(ctx: TenantContext, name: string, except?: string): void {
  for (const role of ctx.store.data.roles.values()) {
    if (role.name === name && role.id !== except) throw managementError(409, "Role already exists", "role_conflict");
  }
}

function updateRole(request: ManagementRequest, ctx: TenantContext) {
  const role = requireRole(ctx, pathParam(request, "id"));
  const body = BodyFields.from(request.body);
  const name = body.string("name");
  if (name !== undefined) {
    assertNameFree(ctx, name, role.id);
    role.name = name;
  }
  const description = body.string("description");
  if (description !== undefined) role.description = description;
  return json(200, roleView(role));
}

function deleteRole(request: ManagementRequest, ctx: TenantContext) {
  const id = pathParam(request, "id");
  requireRole(ctx, id);
  ctx.store.data.roles.delete(id);
  for (const user of ctx.store.data.users.values()) user.roleIds = user.roleIds.filter((roleId) => roleId !== id);
  for (const organization of ctx.store.data.organizations.values()) {
    for (const member of organization.members) member.roleIds = member.roleIds.filter((roleId) => roleId !== id);
  }
  return empty(200);
}

function listRolePermissions(request: ManagementRequest, ctx: TenantContext) {
  const role = requireRole(ctx, pathParam(request, "id"));
  return listReply(role.permissions, request.query, {
    itemsField: "permissions",
    render: (permission) => permissionView(permission, ctx.store),
  });
}

function addRolePermissions(request: ManagementRequest, ctx: TenantContext) {
  const role = requireRole(ctx, pathParam(request, "id"));
  role.permissions = withPermissions(role.permissions, BodyFields.from(request.body).permissions());
  return empty(201);
}

function removeRolePermissions(request: ManagementRequest, ctx: TenantContext) {
  const role = requireRole(ctx, pathParam(request, "id"));
  role.permissions = withoutPermissions(role.permissions, BodyFields.from(request.body).permissions());
  return empty(200);
}

/** Members of a role: offset or checkpoint paging, items `{ user_id, email, picture, name }`. */
function listRoleUsers(request: ManagementRequest, ctx: TenantContext) {
  const role = requireRole(ctx, pathParam(request, "id"));
  const users = [...ctx.store.data.users.values()].filter((user) => user.roleIds.includes(role.id));
  return listReply(users, request.query, {
    itemsField: "users",
    checkpoint: true,
    render: (user) => ({ user_id: user.user_id, email: user.email, picture: user.picture, name: user.name }),
  });
}

function assignRoleUsers(request: ManagementRequest, ctx: TenantContext) {
  const role = requireRole(ctx, pathParam(request, "id"));
  const users = BodyFields.from(request.body)
    .requiredStringArray("users")
    .map((id) => requireUser(ctx, id));
  for (const user of users) if (!user.roleIds.includes(role.id)) user.roleIds.push(role.id);
  return empty(200);
}

export const roleRoutes: readonly ManagementRoute[] = [
  { method: "GET", path: "/roles", scopes: ["read:roles"], summary: "Get roles", handle: listRoles },
  { method: "POST", path: "/roles", scopes: ["create:roles"], summary: "Create a role", handle: createRole },
  {
    method: "GET",
    path: "/roles/{id}",
    scopes: ["read:roles"],
    summary: "Get a role",
    handle: (request, ctx) => json(200, roleView(requireRole(ctx, pathParam(request, "id")))),
  },
  { method: "PATCH", path: "/roles/{id}", scopes: ["update:roles"], summary: "Update a role", handle: updateRole },
  { method: "DELETE", path: "/roles/{id}", scopes: ["delete:roles"], summary: "Delete a role", handle: deleteRole },
  {
    method: "GET",
    path: "/roles/{id}/permissions",
    scopes: ["read:roles"],
    summary: "Get permissions granted by role",
    handle: listRolePermissions,
  },
  {
    method: "POST",
    path: "/roles/{id}/permissions",
    scopes: ["update:roles"],
    summary: "Associate permissions with a role",
    handle: addRolePermissions,
  },
  {
    method: "DELETE",
    path: "/roles/{id}/permissions",
    scopes: ["update:roles"],
    summary: "Remove permissions from a role",
    handle: removeRolePermissions,
  },
  {
    method: "GET",
    path: "/roles/{id}/users",
    scopes: ["read:users", "read:roles", "read:role_members"],
    summary: "Get a role's users",
    handle: listRoleUsers,
  },
  {
    method: "POST",
    path: "/roles/{id}/users",
    scopes: ["update:roles", "create:role_members"],
    summary: "Assign users to a role",
    handle: assignRoleUsers,
  },
];
