// The Node fast path: undici's dispatcher at the bottom of the client's chain (auth0/plugins/undici). The same
// middleware, retries, errors and bytes on the wire as the default transport, at a fraction of fetch's CPU; and the
// same client sent through an HTTP(S) proxy when the environment names one and you opt in.
import { ManagementClient } from "auth0";
import { undiciFetcher } from "auth0/plugins/undici";
import { exampleTenant } from "./support/tenant.js";

const tenant = await exampleTenant();
const credentials = { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret };

// One keep-alive undici Agent for this client, made on its first request (here: the client-credentials token).
const management = new ManagementClient({ ...credentials, plugins: [undiciFetcher({ agentOptions: { connections: 8 } })] });
management.lifecycle.hook("request:response", ({ request, response }) => {
  console.log(`  undici → ${request.method} ${request.url.pathname} ← ${response.status}`);
});

const { data: roles } = await management.roles.list();
console.log(`listed ${roles.length} roles through undici`);
const role = await management.roles.create({ name: `undici-example-${Date.now().toString(36)}` });
console.log(`created role ${role.name}`);
await management.roles.delete(role.id!);

// Proxies: HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured only because this client asks for "env" (with none set,
// it connects directly); the mock tenant on 127.0.0.1 always bypasses the proxy. `proxy("env")` from the same entry
// does this for the default transport: plugins: [proxy("env")].
const noProxy = tenant.mock ? "127.0.0.1" : undefined;
const proxied = new ManagementClient({ ...credentials, plugins: [undiciFetcher({ proxy: { url: "env", ...(noProxy ? { noProxy } : {}) } })] });
const { data: again } = await proxied.roles.list();
const route = tenant.mock ? "directly (the mock tenant is in noProxy)" : process.env.HTTPS_PROXY || process.env.HTTP_PROXY ? "through the proxy from the environment" : "directly (no proxy in the environment)";
console.log(`listed ${again.length} roles ${route}`);

await tenant.close();
