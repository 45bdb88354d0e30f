import { ALL_GRANT_TYPES } from "../state/grant-types.js";
import { copy } from "../internal/json.js";
import { ALL_MANAGEMENT_SCOPES } from "../management/scopes.js";
import type { TenantUrls } from "../tenant-urls.js";
import { buildClient, buildClientGrant, buildConnection, buildResourceServer } from "../state/entity-factories.js";
import type { ClientRecord } from "../state/records.js";
import type { TenantStore } from "../state/store.js";

export const DEFAULT_DATABASE = "Username-Password-Authentication";

/**
 * What a fresh tenant has: the Management API (a system resource server), the `Username-Password-Authentication`
 * database, and one application allowed every grant type and every Management API scope.
 */
export function installDefaults(
  store: TenantStore,
  urls: TenantUrls,
  credentials: { readonly clientId: string | undefined; readonly clientSecret: string | undefined },
): ClientRecord {
  const client = buildClient({
    name: "Mock Tenant Application",
    ...(credentials.clientId !== undefined ? { client_id: credentials.clientId } : {}),
    ...(credentials.clientSecret !== undefined ? { client_secret: credentials.clientSecret } : {}),
    app_type: "non_interactive",
    grant_types: [...ALL_GRANT_TYPES],
    token_endpoint_auth_method: "client_secret_post",
  });
  const managementApi = buildResourceServer({
    name: "Auth0 Management API",
    identifier: urls.managementAudience,
    scopes: ALL_MANAGEMENT_SCOPES.map((value) => ({ value, description: value })),
    is_system: true,
  });
  const grant = buildClientGrant({
    client_id: client.client_id,
    audience: urls.managementAudience,
    scope: [...ALL_MANAGEMENT_SCOPES],
  });
  const database = buildConnection({ name: DEFAULT_DATABASE, strategy: "auth0", enabled_clients: [client.client_id] });

  store.seed((data) => {
    data.resourceServers.set(managementApi.id, copy(managementApi));
    data.clients.set(client.client_id, copy(client));
    data.clientGrants.set(grant.id, copy(grant));
    data.connections.set(database.id, copy(database));
  });
  return client;
}
