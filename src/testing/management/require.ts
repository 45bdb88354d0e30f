import type { TenantContext } from "../context.js";
import { notFound } from "../errors.js";
import type {
  ClientGrantRecord,
  ClientRecord,
  ConnectionRecord,
  JobRecord,
  OrganizationRecord,
  ResourceServerRecord,
  RoleRecord,
  UserRecord,
} from "../state/records.js";

/** Look-ups by id that answer Auth0's 404 for an unknown one. */

export function requireUser(ctx: TenantContext, id: string): UserRecord {
  const user = ctx.store.data.users.get(id);
  if (!user) throw notFound.user();
  return user;
}

export function requireRole(ctx: TenantContext, id: string): RoleRecord {
  const role = ctx.store.data.roles.get(id);
  if (!role) throw notFound.role();
  return role;
}

/** Every id must name an existing role: Auth0 refuses the whole assignment otherwise. */
export function requireRoles(ctx: TenantContext, ids: readonly string[]): string[] {
  for (const id of ids) requireRole(ctx, id);
  return [...ids];
}

export function requireClient(ctx: TenantContext, id: string): ClientRecord {
  const client = ctx.store.data.clients.get(id);
  if (!client) throw notFound.client();
  return client;
}

export function requireClientGrant(ctx: TenantContext, id: string): ClientGrantRecord {
  const grant = ctx.store.data.clientGrants.get(id);
  if (!grant) throw notFound.clientGrant();
  return grant;
}

export function requireConnection(ctx: TenantContext, id: string): ConnectionRecord {
  const connection = ctx.store.data.connections.get(id);
  if (!connection) throw notFound.connection();
  return connection;
}

export function requireOrganization(ctx: TenantContext, id: string): OrganizationRecord {
  const organization = ctx.store.data.organizations.get(id);
  if (!organization) throw notFound.organization();
  return organization;
}

export function requireResourceServer(ctx: TenantContext, idOrIdentifier: string): ResourceServerRecord {
  const server =
    ctx.store.data.resourceServers.get(idOrIdentifier) ?? ctx.store.resourceServerByIdentifier(idOrIdentifier);
  if (!server) throw notFound.resourceServer();
  return server;
}

export function requireJob(ctx: TenantContext, id: string): JobRecord {
  const job = ctx.store.data.jobs.get(id);
  if (!job) throw notFound.job();
  return job;
}
