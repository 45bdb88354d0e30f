// v4 code on auth0/legacy: the same calls and results as the auth0 v4 package, sent by this package's one core.
// Without AUTH0_DOMAIN it runs against the embedded mock tenant:  npx tsx examples/legacy.ts
import { CustomDomainHeader, ManagementApiError, ManagementClient, type Middleware } from "auth0/legacy";
import { exampleTenant } from "./support/tenant.js";

const tenant = await exampleTenant();
console.log(tenant.mock ? `Mock tenant at ${tenant.domain}` : `Your tenant: ${tenant.domain}`);

// v4's middleware hooks run once around each call (outside the retries).
const timing: Middleware = {
  pre: async ({ url, init }) => {
    console.log(`  → ${init.method} ${new URL(String(url)).pathname}`);
  },
  post: async ({ response }) => {
    console.log(`  ← ${response.status}`);
  },
};

const management = new ManagementClient({
  domain: tenant.domain,
  clientId: tenant.clientId,
  clientSecret: tenant.clientSecret,
  retry: { maxRetries: 2 }, // 429 only, v4's backoff
  timeoutDuration: 5000,
  middleware: [timing],
});

const connection = "Username-Password-Authentication";
const email = `legacy-${Date.now().toString(36)}@example.com`;
const { data: created, status } = await management.users.create({ email, connection, password: "Passw0rd!legacy" }, CustomDomainHeader("login.example.com"));
console.log(`created ${created.user_id} (${status})`);

const { data: page } = await management.users.getAll({ q: `email:"${email}"`, include_totals: true, per_page: 10 });
console.log(`found ${page.total} user(s): ${page.users?.map((user) => user.email).join(", ")}`);

await management.users.update({ id: created.user_id! }, { name: "Legacy User" });
const { data: user } = await management.users.get({ id: created.user_id! });
console.log(`renamed to ${user.name}`);

await management.users.delete({ id: created.user_id! });
try {
  await management.users.get({ id: created.user_id! });
} catch (error) {
  if (!(error instanceof ManagementApiError)) throw error;
  console.log(`gone: ${error.statusCode} ${error.message}`);
}

await tenant.close();
