// The default preset: `import { ManagementClient } from "auth0"` is the core plus the plugins every client gets
// (today: the throttle). Nothing to configure — credentials in, methods out.
import { ManagementClient } from "auth0";
import { exampleTenant } from "./support/tenant.js";

const tenant = await exampleTenant();
const management = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });

console.log("preset plugins:", ManagementClient.presetPlugins.map((plugin) => plugin.name).join(", "));
console.log("chain:", [...management.pipeline.names, "fetch (ky)"].join(" → "));

const clients = await management.clients.list({ per_page: 5 });
console.log(`${clients.data.length} applications on the first page; more: ${clients.hasNextPage()}`);
const connections = await management.connections.list({ take: 5 });
for await (const connection of connections) console.log(`connection: ${connection.name} (${connection.strategy})`);

// Without the preset's throttle (for example when a Redis limiter shares the tenant's budget across processes):
const unthrottled = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, throttle: false });
console.log("chain without the throttle:", unthrottled.pipeline.names.join(" → "));
await tenant.close();
