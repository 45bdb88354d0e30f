import type { JsonObject } from "../internal/json.js";

/**
 * The tenant's data as the store keeps it. Fields use Auth0's wire names so the Management API views are thin;
 * relationships (roles, members) live on the owning record as id lists; internal-only fields are camelCase.
 */

export interface PermissionRef {
  permission_name: string;
  resource_server_identifier: string;
}

export interface UserRecord {
  user_id: string;
  /** Name of the connection the user belongs to. */
  connection: string;
  /** Identity provider, e.g. `auth0` for database connections, `email`/`sms` for passwordless. */
  provider: string;
  isSocial: boolean;
  email?: string;
  email_verified: boolean;
  username?: string;
  phone_number?: string;
  phone_verified?: boolean;
  name: string;
  nickname: string;
  picture: string;
  given_name?: string;
  family_name?: string;
  blocked: boolean;
  user_metadata: JsonObject;
  app_metadata: JsonObject;
  created_at: string;
  updated_at: string;
  last_login?: string;
  last_ip?: string;
  logins_count: number;
  /** Kept in clear: the tenant is test-only and never returns it. */
  password?: string;
  roleIds: string[];
  permissions: PermissionRef[];
}

export interface ConnectionRecord {
  id: string;
  name: string;
  display_name?: string;
  strategy: string;
  options: JsonObject;
  enabled_clients: string[];
  is_domain_connection: boolean;
  realms: string[];
  metadata: JsonObject;
}

/** A public key registered for `private_key_jwt` client authentication. */
export interface ClientCredentialRecord {
  id: string;
  name?: string;
  credential_type: "public_key";
  /** SPKI public key or X.509 certificate, PEM. */
  pem: string;
  alg?: string;
  created_at: string;
}

export interface ClientRecord {
  client_id: string;
  client_secret: string;
  name: string;
  description?: string;
  app_type: string;
  is_first_party: boolean;
  /** `none` makes a public client (SPA, native): no secret or assertion needed at the token endpoint. */
  token_endpoint_auth_method: string;
  grant_types: string[];
  callbacks: string[];
  allowed_logout_urls: string[];
  web_origins: string[];
  client_metadata: JsonObject;
  /** `jwt_configuration.alg`: how ID tokens for this client are signed (HS256 uses the client secret). */
  id_token_alg: "RS256" | "HS256";
  credentials: ClientCredentialRecord[];
  /** Other properties given at creation, returned as they came. */
  extra: JsonObject;
}

export interface ClientGrantRecord {
  id: string;
  client_id: string;
  audience: string;
  scope: string[];
  subject_type?: string;
  allow_any_organization?: boolean;
  organization_usage?: string;
  is_system?: boolean;
}

export interface ResourceServerScope {
  value: string;
  description?: string;
}

export interface ResourceServerRecord {
  id: string;
  name: string;
  identifier: string;
  scopes: ResourceServerScope[];
  signing_alg: string;
  token_lifetime: number;
  token_lifetime_for_web: number;
  allow_offline_access: boolean;
  skip_consent_for_verifiable_first_party_clients: boolean;
  is_system: boolean;
  extra: JsonObject;
}

export interface RoleRecord {
  id: string;
  name: string;
  description: string;
  permissions: PermissionRef[];
}

export interface MemberRecord {
  user_id: string;
  roleIds: string[];
}

export interface InvitationRecord {
  id: string;
  organization_id: string;
  inviter: JsonObject;
  invitee: JsonObject;
  client_id: string;
  connection_id?: string;
  roles: string[];
  app_metadata: JsonObject;
  user_metadata: JsonObject;
  created_at: string;
  expires_at: string;
  ticket_id: string;
  invitation_url: string;
}

export interface EnabledConnectionRecord {
  connection_id: string;
  assign_membership_on_login: boolean;
  show_as_button: boolean;
  is_signup_enabled: boolean;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  display_name?: string;
  branding?: JsonObject;
  metadata?: JsonObject;
  members: MemberRecord[];
  invitations: InvitationRecord[];
  enabledConnections: EnabledConnectionRecord[];
}

export interface LogRecord {
  log_id: string;
  date: string;
  /** Auth0 event code: `sapi` (management write), `seccft` (client credentials), `s` (login), ... */
  type: string;
  description: string;
  ip: string;
  hostname: string;
  user_agent?: string;
  client_id?: string;
  client_name?: string;
  user_id?: string;
  user_name?: string;
  connection?: string;
  connection_id?: string;
  strategy?: string;
  audience?: string;
  scope?: string;
  details?: JsonObject;
}

export interface JobUserError {
  user: JsonObject;
  errors: { code: string; message: string; path?: string }[];
}

export type JobStatus = "pending" | "processing" | "completed" | "failed";
export type JobType = "users_import" | "users_export" | "verification_email";

/** A field of a users export: the user attribute (`email`, `user_metadata.plan`) and its column name. */
export interface ExportField {
  name: string;
  export_as?: string;
}

export interface JobRecord {
  id: string;
  type: JobType;
  status: JobStatus;
  created_at: string;
  connection_id?: string;
  connection?: string;
  external_id?: string;
  upsert: boolean;
  send_completion_email: boolean;
  summary?: { failed: number; updated: number; inserted: number; total: number };
  errors: JobUserError[];
  /** What the job works on: the users file (imports) or the user id (verification email). */
  input: unknown[];
  user_id?: string;
  /** Exports: the file's format, the fields and the most users it may hold. */
  format?: "json" | "csv";
  fields?: ExportField[];
  limit?: number;
  /** Why a failed job failed (`status_details`). */
  status_details?: string;
  /** When processing started and is due to end (ms since the epoch), for `percentage_done` and `time_left_seconds`. */
  processing?: { startedAt: number; endsAt: number };
}

/** Everything the tenant holds. Maps keep insertion order, which is the default listing order. */
export interface TenantData {
  users: Map<string, UserRecord>;
  connections: Map<string, ConnectionRecord>;
  clients: Map<string, ClientRecord>;
  clientGrants: Map<string, ClientGrantRecord>;
  resourceServers: Map<string, ResourceServerRecord>;
  roles: Map<string, RoleRecord>;
  organizations: Map<string, OrganizationRecord>;
  logs: LogRecord[];
  jobs: Map<string, JobRecord>;
}

export function emptyTenantData(): TenantData {
  return {
    users: new Map(),
    connections: new Map(),
    clients: new Map(),
    clientGrants: new Map(),
    resourceServers: new Map(),
    roles: new Map(),
    organizations: new Map(),
    logs: [],
    jobs: new Map(),
  };
}
