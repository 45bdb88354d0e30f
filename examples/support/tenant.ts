import { startMockTenant } from "auth0/testing";

/** Where an example runs: your tenant when AUTH0_DOMAIN (+ client id and secret) is set, else a fresh mock tenant. */
export interface ExampleTenant {
  readonly domain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly mock: boolean;
  close(): Promise<void>;
}

export async function exampleTenant(options: Parameters<typeof startMockTenant>[0] = {}): Promise<ExampleTenant> {
  const { AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET } = process.env;
  if (AUTH0_DOMAIN) {
    if (!AUTH0_CLIENT_ID || !AUTH0_CLIENT_SECRET) throw new Error("Set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET with AUTH0_DOMAIN");
    return { domain: AUTH0_DOMAIN, clientId: AUTH0_CLIENT_ID, clientSecret: AUTH0_CLIENT_SECRET, mock: false, close: async () => undefined };
  }
  const tenant = await startMockTenant(options);
  return { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, mock: true, close: () => tenant.close() };
}
