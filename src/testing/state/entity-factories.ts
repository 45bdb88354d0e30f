import { defaultGrantTypes } from "./grant-types.js";
import { isoNow } from "../internal/clock.js";
import { newId, randomAlphanumeric } from "../internal/ids.js";
import type { JsonObject } from "../internal/json.js";
import type {
  ClientCredentialRecord,
  ClientGrantRecord,
  ClientRecord,
  ConnectionRecord,
  OrganizationRecord,
  PermissionRef,
  ResourceServerRecord,
  ResourceServerScope,
  RoleRecord,
} from "./records.js";

/** Builders for everything but users: each fills in the defaults Auth0 would, from create-request fields. */

export interface NewConnectionFields {
  name: string;
  strategy: string;
  display_name?: string;
  options?: JsonObject;
  enabled_clients?: string[];
  is_domain_connection?: boolean;
  realms?: string[];
  metadata?: JsonObject;
}

export function buildConnection(fields: NewConnectionFields): ConnectionRecord {
  const connection: ConnectionRecord = {
    id: newId.connection(),
    name: fields.name,
    strategy: fields.strategy,
    options: fields.options ?? {},
    enabled_clients: fields.enabled_clients ?? [],
    is_domain_connection: fields.is_domain_connection ?? false,
    realms: fields.realms ?? [fields.name],
    metadata: fields.metadata ?? {},
  };
  if (fields.display_name !== undefined) connection.display_name = fields.display_name;
  return connection;
}

export interface NewClientFields {
  name: string;
  client_id?: string;
  client_secret?: string;
  description?: string;
  app_type?: string;
  is_first_party?: boolean;
  token_endpoint_auth_method?: string;
  grant_types?: string[];
  callbacks?: string[];
  allowed_logout_urls?: string[];
  web_origins?: string[];
  client_metadata?: JsonObject;
  /** ID token signing algorithm (`jwt_configuration.alg`); default RS256. */
  id_token_alg?: "RS256" | "HS256";
  /** Public keys for `private_key_jwt`, as in `client_authentication_methods.private_key_jwt.credentials`. */
  credentials?: { pem: string; alg?: string; name?: string }[];
  extra?: JsonObject;
}

export function buildClient(fields: NewClientFields): ClientRecord {
  const client: ClientRecord = {
    client_id: fields.client_id ?? newId.client(),
    client_secret: fields.client_secret ?? newId.clientSecret(),
    name: fields.name,
    app_type: fields.app_type ?? "regular_web",
    is_first_party: fields.is_first_party ?? true,
    token_endpoint_auth_method:
      fields.token_endpoint_auth_method ?? (fields.app_type === "spa" ? "none" : "client_secret_post"),
    grant_types: fields.grant_types ?? defaultGrantTypes(fields.app_type),
    callbacks: fields.callbacks ?? [],
    allowed_logout_urls: fields.allowed_logout_urls ?? [],
    web_origins: fields.web_origins ?? [],
    client_metadata: fields.client_metadata ?? {},
    id_token_alg: fields.id_token_alg ?? "RS256",
    credentials: (fields.credentials ?? []).map(buildCredential),
    extra: fields.extra ?? {},
  };
  if (fields.description !== undefined) client.description = fields.description;
  return client;
}

export function buildCredential(input: { pem: string; alg?: string; name?: string }): ClientCredentialRecord {
  const credential: ClientCredentialRecord = {
    id: `cred_${randomAlphanumeric(22)}`,
    credential_type: "public_key",
    pem: input.pem,
    created_at: isoNow(),
  };
  if (input.alg !== undefined) credential.alg = input.alg;
  if (input.name !== undefined) credential.name = input.name;
  return credential;
}

export interface NewClientGrantFields {
  client_id: string;
  audience: string;
  scope: string[];
  subject_type?: string;
  allow_any_organization?: boolean;
  organization_usage?: string;
}

export function buildClientGrant(fields: NewClientGrantFields): ClientGrantRecord {
  return { id: newId.clientGrant(), ...fields, scope: [...fields.scope] };
}

export interface NewResourceServerFields {
  identifier: string;
  name?: string;
  scopes?: ResourceServerScope[];
  signing_alg?: string;
  token_lifetime?: number;
  token_lifetime_for_web?: number;
  allow_offline_access?: boolean;
  skip_consent_for_verifiable_first_party_clients?: boolean;
  is_system?: boolean;
  extra?: JsonObject;
}

export function buildResourceServer(fields: NewResourceServerFields): ResourceServerRecord {
  return {
    id: newId.resourceServer(),
    name: fields.name ?? fields.identifier,
    identifier: fields.identifier,
    scopes: fields.scopes ?? [],
    signing_alg: fields.signing_alg ?? "RS256",
    token_lifetime: fields.token_lifetime ?? 86400,
    token_lifetime_for_web: fields.token_lifetime_for_web ?? 7200,
    allow_offline_access: fields.allow_offline_access ?? false,
    skip_consent_for_verifiable_first_party_clients: fields.skip_consent_for_verifiable_first_party_clients ?? true,
    is_system: fields.is_system ?? false,
    extra: fields.extra ?? {},
  };
}

export function buildRole(fields: { name: string; description?: string; permissions?: PermissionRef[] }): RoleRecord {
  return {
    id: newId.role(),
    name: fields.name,
    description: fields.description ?? "",
    permissions: fields.permissions ?? [],
  };
}

export interface NewOrganizationFields {
  name: string;
  display_name?: string;
  branding?: JsonObject;
  metadata?: JsonObject;
  enabled_connections?: { connection_id: string; assign_membership_on_login?: boolean; show_as_button?: boolean }[];
}

export function buildOrganization(fields: NewOrganizationFields): OrganizationRecord {
  const organization: OrganizationRecord = {
    id: newId.organization(),
    name: fields.name,
    members: [],
    invitations: [],
    enabledConnections: (fields.enabled_connections ?? []).map((enabled) => ({
      connection_id: enabled.connection_id,
      assign_membership_on_login: enabled.assign_membership_on_login ?? false,
      show_as_button: enabled.show_as_button ?? true,
      is_signup_enabled: false,
    })),
  };
  if (fields.display_name !== undefined) organization.display_name = fields.display_name;
  if (fields.branding !== undefined) organization.branding = fields.branding;
  if (fields.metadata !== undefined) organization.metadata = fields.metadata;
  return organization;
}
