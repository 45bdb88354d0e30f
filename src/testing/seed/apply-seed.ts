import { copy, type JsonObject } from "../internal/json.js";
import {
  clientGrantView,
  clientView,
  connectionView,
  organizationView,
  resourceServerView,
  roleView,
  userView,
} from "../management/views.js";
import { canonicalAudience, type TenantUrls } from "../tenant-urls.js";
import { DEFAULT_DATABASE } from "./defaults.js";
import {
  buildClient,
  buildClientGrant,
  buildConnection,
  buildOrganization,
  buildResourceServer,
  buildRole,
  type NewClientFields,
  type NewClientGrantFields,
  type NewConnectionFields,
  type NewOrganizationFields,
  type NewResourceServerFields,
} from "../state/entity-factories.js";
import type { EnabledConnectionRecord, MemberRecord, PermissionRef } from "../state/records.js";
import type { TenantStore } from "../state/store.js";
import { buildUser, type NewUserFields } from "../state/user-factory.js";

/** A user to seed. `connection` defaults to Username-Password-Authentication; `roles` are role ids or names. */
export interface UserSeed extends Omit<NewUserFields, "roleIds"> {
  connection?: string;
  roles?: string[];
}

export interface RoleSeed {
  name: string;
  description?: string;
  permissions?: PermissionRef[];
}

/** `strategy` defaults to `auth0` (a database connection). */
export type ConnectionSeed = Omit<NewConnectionFields, "strategy"> & { strategy?: string };

/**
 * An application. `grants` gives it client grants (`audience` = an API identifier; the Management API in either
 * scheme); `credentials` registers public keys (PEM) for `private_key_jwt`.
 */
export interface ClientSeed extends Omit<NewClientFields, "name"> {
  name?: string;
  grants?: { audience: string; scope: string[] }[];
}

/** Members are user ids or emails (optionally with role ids/names); enabled connections are ids or names. */
export interface OrganizationSeed extends Omit<NewOrganizationFields, "enabled_connections"> {
  members?: (string | { user: string; roles?: string[] })[];
  enabled_connections?: (
    string | { connection: string; assign_membership_on_login?: boolean; show_as_button?: boolean }
  )[];
}

export interface SeedData {
  connections?: ConnectionSeed[];
  resourceServers?: NewResourceServerFields[];
  roles?: RoleSeed[];
  users?: UserSeed[];
  clients?: ClientSeed[];
  clientGrants?: NewClientGrantFields[];
  organizations?: OrganizationSeed[];
}

/** What was created, as the Management API would return it (clients include their `client_secret`). */
export interface SeedResult {
  connections: JsonObject[];
  resourceServers: JsonObject[];
  roles: JsonObject[];
  users: JsonObject[];
  clients: JsonObject[];
  clientGrants: JsonObject[];
  organizations: JsonObject[];
}

/**
 * Adds data to the tenant and to the baseline `reset()` returns to. Entities are created in dependency order
 * (connections, APIs, roles, users, clients, grants, organizations) so later ones can refer to earlier ones by name.
 */
export function applySeed(store: TenantStore, urls: TenantUrls, seed: SeedData): SeedResult {
  const result: SeedResult = {
    connections: [],
    resourceServers: [],
    roles: [],
    users: [],
    clients: [],
    clientGrants: [],
    organizations: [],
  };

  for (const input of seed.connections ?? []) {
    if (store.connectionByName(input.name)) throw new Error(`seed: a connection named "${input.name}" already exists`);
    const connection = buildConnection({ ...input, strategy: input.strategy ?? "auth0" });
    store.seed((data) => data.connections.set(connection.id, copy(connection)));
    result.connections.push(connectionView(connection));
  }

  for (const input of seed.resourceServers ?? []) {
    if (store.resourceServerByIdentifier(input.identifier))
      throw new Error(`seed: an API "${input.identifier}" already exists`);
    const server = buildResourceServer(input);
    store.seed((data) => data.resourceServers.set(server.id, copy(server)));
    result.resourceServers.push(resourceServerView(server));
  }

  for (const input of seed.roles ?? []) {
    const role = buildRole(input);
    store.seed((data) => data.roles.set(role.id, copy(role)));
    result.roles.push(roleView(role));
  }

  // An index of identifiers already taken, so seeding thousands of users stays linear.
  const taken = new Set([...store.data.users.values()].flatMap((user) => identityKeys(user.connection, user)));
  for (const { connection: connectionName = DEFAULT_DATABASE, roles = [], ...fields } of seed.users ?? []) {
    const connection = store.connectionByName(connectionName);
    if (!connection) throw new Error(`seed: unknown connection "${connectionName}"`);
    const keys = identityKeys(connection.name, fields);
    if (keys.some((key) => taken.has(key))) {
      throw new Error(
        `seed: user ${fields.email ?? fields.username ?? fields.phone_number} already exists in ${connection.name}`,
      );
    }
    for (const key of keys) taken.add(key);
    const roleIds = roles.map((ref) => {
      const role = store.roleByRef(ref);
      if (!role) throw new Error(`seed: unknown role "${ref}"`);
      return role.id;
    });
    const user = buildUser(connection, { ...fields, roleIds });
    store.seed((data) => data.users.set(user.user_id, copy(user)));
    result.users.push(userView(user));
  }

  for (const { grants = [], name, ...fields } of seed.clients ?? []) {
    const client = buildClient({ ...fields, name: name ?? "Seeded Application" });
    store.seed((data) => data.clients.set(client.client_id, copy(client)));
    result.clients.push(clientView(client));
    for (const { audience, scope } of grants) {
      const grant = buildClientGrant({
        client_id: client.client_id,
        audience: canonicalAudience(urls, audience),
        scope,
      });
      store.seed((data) => data.clientGrants.set(grant.id, copy(grant)));
      result.clientGrants.push(clientGrantView(grant));
    }
  }

  for (const input of seed.clientGrants ?? []) {
    const grant = buildClientGrant({ ...input, audience: canonicalAudience(urls, input.audience) });
    store.seed((data) => data.clientGrants.set(grant.id, copy(grant)));
    result.clientGrants.push(clientGrantView(grant));
  }

  for (const { members = [], enabled_connections = [], ...fields } of seed.organizations ?? []) {
    if (store.organizationByRef(fields.name))
      throw new Error(`seed: an organization named "${fields.name}" already exists`);
    const organization = buildOrganization(fields);
    organization.members = members.map((member) => seededMember(store, member));
    organization.enabledConnections = enabled_connections.map((enabled) => seededEnabledConnection(store, enabled));
    store.seed((data) => data.organizations.set(organization.id, copy(organization)));
    result.organizations.push(organizationView(organization));
  }
  return result;
}

function identityKeys(
  connection: string,
  user: { email?: string; username?: string; phone_number?: string },
): string[] {
  return [
    ...(user.email !== undefined ? [`${connection}\nemail\n${user.email.toLowerCase()}`] : []),
    ...(user.username !== undefined ? [`${connection}\nusername\n${user.username}`] : []),
    ...(user.phone_number !== undefined ? [`${connection}\nphone\n${user.phone_number}`] : []),
  ];
}

function seededMember(store: TenantStore, member: string | { user: string; roles?: string[] }): MemberRecord {
  const { user: ref, roles = [] } = typeof member === "string" ? { user: member } : member;
  const user = store.userByRef(ref);
  if (!user) throw new Error(`seed: unknown organization member "${ref}"`);
  return {
    user_id: user.user_id,
    roleIds: roles.map((roleRef) => {
      const role = store.roleByRef(roleRef);
      if (!role) throw new Error(`seed: unknown role "${roleRef}"`);
      return role.id;
    }),
  };
}

function seededEnabledConnection(
  store: TenantStore,
  enabled: string | { connection: string; assign_membership_on_login?: boolean; show_as_button?: boolean },
): EnabledConnectionRecord {
  const spec = typeof enabled === "string" ? { connection: enabled } : enabled;
  const connection = store.data.connections.get(spec.connection) ?? store.connectionByName(spec.connection);
  if (!connection) throw new Error(`seed: unknown connection "${spec.connection}"`);
  return {
    connection_id: connection.id,
    assign_membership_on_login: spec.assign_membership_on_login ?? false,
    show_as_button: spec.show_as_button ?? true,
    is_signup_enabled: false,
  };
}
