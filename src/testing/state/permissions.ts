import type { PermissionRef } from "./records.js";

export function samePermission(a: PermissionRef, b: PermissionRef): boolean {
  return a.permission_name === b.permission_name && a.resource_server_identifier === b.resource_server_identifier;
}

/** `held` plus whichever of `added` it lacks. */
export function withPermissions(held: readonly PermissionRef[], added: readonly PermissionRef[]): PermissionRef[] {
  const result = [...held];
  for (const permission of added) if (!result.some((p) => samePermission(p, permission))) result.push(permission);
  return result;
}

export function withoutPermissions(held: readonly PermissionRef[], removed: readonly PermissionRef[]): PermissionRef[] {
  return held.filter((permission) => !removed.some((gone) => samePermission(permission, gone)));
}
