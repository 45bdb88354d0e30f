import { applySeed } from "../seed/apply-seed.js";
import type { TenantStore } from "../state/store.js";
import type { TenantUrls } from "../tenant-urls.js";
import type { CreateClientOptions, CreatedClient } from "./mock-tenant.js";

/**
 * `tenant.createClient()`: an application seeded with a grant for exactly the scopes asked (none: no grant at all),
 * typically to see the Management API answer 403 or the token endpoint refuse a grant type.
 */
export function createExtraClient(
  store: TenantStore,
  urls: TenantUrls,
  options: CreateClientOptions = {},
): CreatedClient {
  const { clients } = applySeed(store, urls, {
    clients: [
      {
        name: options.name ?? "Extra Application",
        ...(options.appType !== undefined ? { app_type: options.appType } : {}),
        ...(options.grantTypes !== undefined ? { grant_types: [...options.grantTypes] } : {}),
        ...(options.tokenEndpointAuthMethod !== undefined
          ? { token_endpoint_auth_method: options.tokenEndpointAuthMethod }
          : {}),
        ...(options.callbacks !== undefined ? { callbacks: [...options.callbacks] } : {}),
        ...(options.publicKeyPem !== undefined ? { credentials: [{ pem: options.publicKeyPem }] } : {}),
        ...(options.idTokenSigningAlg !== undefined ? { id_token_alg: options.idTokenSigningAlg } : {}),
        grants:
          options.scopes === undefined
            ? []
            : [{ audience: options.audience ?? urls.managementAudience, scope: [...options.scopes] }],
      },
    ],
  });
  const clientId = clients[0]?.["client_id"];
  const clientSecret = clients[0]?.["client_secret"];
  if (typeof clientId !== "string" || typeof clientSecret !== "string")
    throw new Error("createClient: no client created");
  return { clientId, clientSecret, domain: urls.origin };
}
