// "auth0/testing" (Node): the mock tenant a test suite starts.
import { ManagementClient } from "auth0";
import { startMockTenant } from "auth0/testing";

export async function againstMockTenant(): Promise<number> {
  const tenant = await startMockTenant();
  try {
    tenant.seed({ users: [{ email: "ann@example.com", password: "pw" }] });
    const management = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
    const page = await management.users.list();
    return page.data.length;
  } finally {
    await tenant.close();
  }
}
