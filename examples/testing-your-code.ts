// Testing your own code with the mock tenant: no Auth0 account, real HTTP on 127.0.0.1, faults on demand.
import assert from "node:assert/strict";
import { ManagementClient } from "auth0";
import { startMockTenant } from "auth0/testing";

/** The code under test: block every user of a domain, returning how many were blocked. */
export async function blockDomain(management: ManagementClient, domain: string): Promise<number> {
  let blocked = 0;
  for await (const user of await management.users.list({ q: `email:*@${domain}`, per_page: 50 })) {
    await management.users.update(user.user_id!, { blocked: true });
    blocked += 1;
  }
  return blocked;
}

const tenant = await startMockTenant();
try {
  tenant.seed({
    users: [
      { email: "a@spam.example", password: "Passw0rd!x" },
      { email: "b@spam.example", password: "Passw0rd!x" },
      { email: "c@good.example", password: "Passw0rd!x" },
    ],
  });
  const management = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });

  // A transient failure on the first update: the SDK retries it, so the code under test still succeeds.
  tenant.faults.inject({ match: { method: "PATCH", path: "/api/v2/users/" }, fault: { kind: "status", status: 503, headers: { "retry-after": "1" } } });

  assert.equal(await blockDomain(management, "spam.example"), 2);
  assert.equal(tenant.findUser("a@spam.example")?.blocked, true);
  assert.equal(tenant.findUser("c@good.example")?.blocked ?? false, false);
  console.log("blockDomain: 2 users blocked, the 503 was retried, the other domain untouched ✓");
} finally {
  await tenant.close();
}
