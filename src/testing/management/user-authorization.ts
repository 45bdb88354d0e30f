import type { TenantContext } from "../context.js";
import { empty, json } from "../http/reply.js";
import type { JsonObject } from "../internal/json.js";
import type { PermissionRef } from "../state/records.js";
import { withPermissions, withoutPermissions } from "../state/permissions.js";
import { BodyFields } from "./body.js";
import { listReply } from "./pagination.js";
import { requireRoles, requireUser } from "./require.js";
import { pathParam, type ManagementRequest, type ManagementRoute } from "./route.js";
import { permissionView, roleView } from "./views.js";

/** A user's roles and permissions: `/users/{id}/roles` and `/users/{id}/permissions`. */

function listUserRoles(request: ManagementRequest, ctx: TenantContext) {
  const user = requireUser(ctx, pathParam(request, "id"));
  const roles = user.roleIds.flatMap((id) => {
    const role = ctx.store.data.roles.get(id);
    return role ? [role] : [];
  });
  return listReply(roles, request.query, { itemsField: "roles", render: roleView });
}

function assignUserRoles(request: ManagementRequest, ctx: TenantContext) {
  const user = requireUser(ctx, pathParam(request, "id"));
  const roleIds = requireRoles(ctx, BodyFields.from(request.body).requiredStringArray("roles"));
  user.roleIds = [...new Set([...user.roleIds, ...roleIds])];
  return empty(204);
}

function removeUserRoles(request: ManagementRequest, ctx: TenantContext) {
  const user = requireUser(ctx, pathParam(request, "id"));
  const removed = new Set(BodyFields.from(request.body).requiredStringArray("roles"));
  user.roleIds = user.roleIds.filter((id) => !removed.has(id));
  return empty(204);
}

/** Direct permissions plus those inherited from roles, each with its `sources`, as Auth0 lists them. */
function listUserPermissions(request: ManagementRequest, ctx: TenantContext) {
  const user = requireUser(ctx, pathParam(request, "id"));
  const byKey = new Map<string, { permission: PermissionRef; sources: JsonObject[] }>();
  const add = (permission: PermissionRef, source: JsonObject): void => {
    const key = `${permission.resource_server_identifier}\n${permission.permission_name}`;
    const entry = byKey.get(key) ?? { permission, sources: [] };
    entry.sources.push(source);
    byKey.set(key, entry);
  };
  for (const permission of user.permissions) add(permission, { source_id: "", source_name: "", source_type: "DIRECT" });
  for (const roleId of user.roleIds) {
    const role = ctx.store.data.roles.get(roleId);
    for (const permission of role?.permissions ?? []) {
      add(permission, { source_id: roleId, source_name: role?.name ?? "", source_type: "ROLE" });
    }
  }
  const entries = [...byKey.values()];
  return listReply(entries, request.query, {
    itemsField: "permissions",
    render: (entry) => ({ ...permissionView(entry.permission, ctx.store), sources: entry.sources }),
  });
}

function addUserPermissions(request: ManagementRequest, ctx: TenantContext) {
  const user = requireUser(ctx, pathParam(request, "id"));
  user.permissions = withPermissions(user.permissions, BodyFields.from(request.body).permissions());
  return empty(201);
}

function removeUserPermissions(request: ManagementRequest, ctx: TenantContext) {
  const user = requireUser(ctx, pathParam(request, "id"));
  user.permissions = withoutPermissions(user.permissions, BodyFields.from(request.body).permissions());
  return empty(204);
}

export const userAuthorizationRoutes: readonly ManagementRoute[] = [
  {
    method: "GET",
    path: "/users/{id}/roles",
    scopes: ["read:users", "read:roles", "read:role_members"],
    summary: "Get a user's roles",
    handle: listUserRoles,
  },
  {
    method: "POST",
    path: "/users/{id}/roles",
    scopes: ["update:users", "create:role_members"],
    summary: "Assign roles to a user",
    handle: assignUserRoles,
  },
  {
    method: "DELETE",
    path: "/users/{id}/roles",
    scopes: ["update:users", "delete:role_members"],
    summary: "Removes roles from a user",
    handle: removeUserRoles,
  },
  {
    method: "GET",
    path: "/users/{id}/permissions",
    scopes: ["read:users"],
    summary: "Get a User's Permissions",
    handle: listUserPermissions,
  },
  {
    method: "POST",
    path: "/users/{id}/permissions",
    scopes: ["update:users"],
    summary: "Assign Permissions to a User",
    handle: addUserPermissions,
  },
  {
    method: "DELETE",
    path: "/users/{id}/permissions",
    scopes: ["update:users"],
    summary: "Remove Permissions from a User",
    handle: removeUserPermissions,
  },
];
