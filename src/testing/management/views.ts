import type { JsonObject } from "../internal/json.js";
import type {
  ClientGrantRecord,
  ClientRecord,
  ConnectionRecord,
  InvitationRecord,
  JobRecord,
  OrganizationRecord,
  PermissionRef,
  ResourceServerRecord,
  RoleRecord,
  UserRecord,
} from "../state/records.js";
import type { TenantStore } from "../state/store.js";

/** How records look on the wire: the Management API's response shapes, without internal fields. */

export function userView(user: UserRecord): JsonObject {
  const view: JsonObject = {
    user_id: user.user_id,
    ...(user.email !== undefined ? { email: user.email, email_verified: user.email_verified } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
    ...(user.phone_number !== undefined
      ? { phone_number: user.phone_number, phone_verified: user.phone_verified ?? false }
      : {}),
    name: user.name,
    nickname: user.nickname,
    picture: user.picture,
    ...(user.given_name !== undefined ? { given_name: user.given_name } : {}),
    ...(user.family_name !== undefined ? { family_name: user.family_name } : {}),
    created_at: user.created_at,
    updated_at: user.updated_at,
    identities: [
      {
        connection: user.connection,
        user_id: user.user_id.slice(user.user_id.indexOf("|") + 1),
        provider: user.provider,
        isSocial: user.isSocial,
      },
    ],
    ...(Object.keys(user.user_metadata).length > 0 ? { user_metadata: user.user_metadata } : {}),
    ...(Object.keys(user.app_metadata).length > 0 ? { app_metadata: user.app_metadata } : {}),
    ...(user.last_login !== undefined ? { last_login: user.last_login } : {}),
    ...(user.last_ip !== undefined ? { last_ip: user.last_ip } : {}),
    logins_count: user.logins_count,
    ...(user.blocked ? { blocked: true } : {}),
  };
  return view;
}

export function roleView(role: RoleRecord): JsonObject {
  return { id: role.id, name: role.name, description: role.description };
}

export function permissionView(permission: PermissionRef, store: TenantStore): JsonObject {
  const api = store.resourceServerByIdentifier(permission.resource_server_identifier);
  const description = api?.scopes.find((scope) => scope.value === permission.permission_name)?.description;
  return {
    permission_name: permission.permission_name,
    resource_server_identifier: permission.resource_server_identifier,
    resource_server_name: api?.name ?? permission.resource_server_identifier,
    description: description ?? "",
  };
}

export function connectionView(connection: ConnectionRecord): JsonObject {
  return {
    id: connection.id,
    name: connection.name,
    ...(connection.display_name !== undefined ? { display_name: connection.display_name } : {}),
    strategy: connection.strategy,
    options: connection.options,
    enabled_clients: connection.enabled_clients,
    is_domain_connection: connection.is_domain_connection,
    realms: connection.realms,
    metadata: connection.metadata,
  };
}

export function clientView(client: ClientRecord): JsonObject {
  return {
    tenant: "mock",
    global: false,
    is_token_endpoint_ip_header_trusted: false,
    sso_disabled: false,
    cross_origin_authentication: false,
    oidc_conformant: true,
    custom_login_page_on: true,
    jwt_configuration: { alg: client.id_token_alg, lifetime_in_seconds: 36000, secret_encoded: false },
    ...client.extra,
    client_id: client.client_id,
    client_secret: client.client_secret,
    name: client.name,
    ...(client.description !== undefined ? { description: client.description } : {}),
    app_type: client.app_type,
    is_first_party: client.is_first_party,
    token_endpoint_auth_method: client.token_endpoint_auth_method,
    grant_types: client.grant_types,
    callbacks: client.callbacks,
    allowed_logout_urls: client.allowed_logout_urls,
    web_origins: client.web_origins,
    client_metadata: client.client_metadata,
    ...(client.credentials.length > 0
      ? {
          client_authentication_methods: {
            private_key_jwt: { credentials: client.credentials.map((c) => ({ id: c.id })) },
          },
        }
      : {}),
  };
}

export function clientGrantView(grant: ClientGrantRecord): JsonObject {
  return { ...grant };
}

export function resourceServerView(server: ResourceServerRecord): JsonObject {
  const { extra, ...fields } = server;
  return { ...extra, ...fields };
}

export function organizationView(organization: OrganizationRecord): JsonObject {
  return {
    id: organization.id,
    name: organization.name,
    ...(organization.display_name !== undefined ? { display_name: organization.display_name } : {}),
    ...(organization.branding !== undefined ? { branding: organization.branding } : {}),
    ...(organization.metadata !== undefined ? { metadata: organization.metadata } : {}),
  };
}

export function invitationView(invitation: InvitationRecord): JsonObject {
  return { ...invitation };
}

export function jobView(job: JobRecord, location?: string): JsonObject {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    created_at: job.created_at,
    ...(job.connection_id !== undefined ? { connection_id: job.connection_id } : {}),
    ...(job.connection !== undefined ? { connection: job.connection } : {}),
    ...(job.external_id !== undefined ? { external_id: job.external_id } : {}),
    ...(job.format !== undefined ? { format: job.format } : {}),
    ...(job.limit !== undefined ? { limit: job.limit } : {}),
    ...(job.fields !== undefined ? { fields: job.fields } : {}),
    ...(job.status === "processing" && job.processing ? progress(job.processing) : {}),
    ...(job.summary !== undefined && finished(job) ? { summary: job.summary } : {}),
    ...(job.status_details !== undefined ? { status_details: job.status_details } : {}),
    ...(location !== undefined ? { location } : {}),
  };
}

function finished(job: JobRecord): boolean {
  return job.status === "completed" || job.status === "failed";
}

/** Auth0's `percentage_done` and `time_left_seconds` while a job processes. */
function progress({ startedAt, endsAt }: { startedAt: number; endsAt: number }): JsonObject {
  const now = Date.now();
  const span = Math.max(1, endsAt - startedAt);
  return {
    percentage_done: Math.min(99, Math.max(0, Math.floor(((now - startedAt) / span) * 100))),
    time_left_seconds: Math.max(0, Math.ceil((endsAt - now) / 1000)),
  };
}
