// npm start: the SDK end to end. Without AUTH0_DOMAIN it starts the embedded mock tenant; with AUTH0_DOMAIN,
// AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET (an M2M app allowed to manage users and roles) it runs against your tenant.
import { AuthenticationClient, ManagementClient, UserInfoClient, type PipelineMiddleware } from "auth0";
import { ManagementClient as LegacyManagementClient } from "auth0/legacy";
import { exampleTenant } from "./support/tenant.js";

const started = performance.now();
const tenant = await exampleTenant({ rateLimit: { burst: 10, perSecond: 5 } });
const step = (title: string): void => console.log(`\n▸ ${title}`);
console.log(tenant.mock ? `Mock tenant at ${tenant.domain} (no Auth0 account needed)` : `Your tenant: ${tenant.domain}`);

// A custom middleware that logs each HTTP attempt, placed inside the retry link so it sees retries too.
const requestLog: string[] = [];
const logRequests: PipelineMiddleware = async (request, next) => {
  const response = await next(request);
  requestLog.push(`${request.method} ${request.url.pathname} → ${response.status}`);
  return response;
};

const management = new ManagementClient({
  domain: tenant.domain,
  clientId: tenant.clientId,
  clientSecret: tenant.clientSecret,
  middleware: [{ name: "request-log", after: "retry", middleware: logRequests }],
});
let tokens = 0;
management.lifecycle.hook("token:refreshed", () => void (tokens += 1));

step("Create users and list them across pages with for await");
const suffix = Date.now().toString(36);
const connection = "Username-Password-Authentication";
const created = [];
for (let i = 0; i < 12; i++) {
  created.push(await management.users.create({ connection, email: `quickstart-${suffix}-${i}@example.com`, password: "Quickstart-Passw0rd!" }));
}
let listed = 0;
const page = await management.users.list({ q: `email:quickstart-${suffix}-*`, per_page: 5 });
for await (const user of page) {
  if (user.email?.startsWith(`quickstart-${suffix}`)) listed += 1;
}
console.log(`  created ${created.length} users, listed ${listed} of them 5 per page`);

step("Assign a role");
const role = await management.roles.create({ name: `quickstart-${suffix}`, description: "made by npm start" });
await management.users.roles.assign(created[0]!.user_id!, { roles: [role.id!] });
const roles = await management.users.roles.list(created[0]!.user_id!);
console.log(`  ${created[0]!.email} now has: ${roles.data.map((r) => r.name).join(", ")}`);

step("One M2M token for every call so far");
console.log(`  ${requestLog.length} requests, ${tokens} token request${tokens === 1 ? "" : "s"}`);

step("withRawResponse() shows the rate-limit headers");
const { data: me, rawResponse } = await management.users.get(created[1]!.user_id!).withRawResponse();
const h = rawResponse.headers;
console.log(`  ${me.email}: status ${rawResponse.status}, x-ratelimit-limit ${h.get("x-ratelimit-limit")}, remaining ${h.get("x-ratelimit-remaining")}, reset ${h.get("x-ratelimit-reset")}`);

step("Password grant: tokens, with the ID token validated (signature against the JWKS, iss, aud, exp, iat)");
const password = "Quickstart-Passw0rd!";
const auth = new AuthenticationClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
const login = await auth.oauth
  .passwordGrant({ username: created[2]!.email!, password, scope: "openid profile email", realm: connection })
  .catch((error: Error) => error);
if (login instanceof Error) {
  console.log(`  skipped: ${login.message} (a real tenant needs the Password grant and a default directory)`);
} else {
  console.log(`  access token (${login.data.expires_in} s) and a valid ID token for ${created[2]!.email}`);
  step("userinfo");
  const { data: profile } = await new UserInfoClient({ domain: tenant.domain }).getUserInfo(login.data.access_token);
  console.log(`  sub ${profile.sub}, email ${profile.email}`);
}

step("The v4 API on the same core (auth0/legacy)");
const legacy = new LegacyManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
const { data: legacyUser, status } = await legacy.users.get({ id: created[3]!.user_id! });
console.log(`  legacy.users.get({ id }) → ${status}, ${legacyUser.email}`);

step("The custom middleware saw each request");
for (const line of requestLog.slice(-4)) console.log(`  ${line}`);

step("A burst under the tenant's rate limit (10, then 5 per second): the throttle paces it, nothing fails");
const burstStarted = performance.now();
await Promise.all(created.map((user) => management.users.delete(user.user_id!)));
await management.roles.delete(role.id!);
console.log(`  deleted ${created.length} users and the role concurrently in ${((performance.now() - burstStarted) / 1000).toFixed(1)} s, 0 errors`);

await tenant.close();
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
