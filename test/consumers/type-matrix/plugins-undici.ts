// "auth0/plugins/undici" (Node): undici's dispatcher as the transport — the plugin's own keep-alive agent, one the app
// owns (an undici `Pool`/`Agent`), a proxy from the environment — and `proxy()` for the default transport.
import { Agent } from "undici";
import { ManagementClient } from "auth0";
import { proxy, undiciFetcher, type ProxySetting, type UndiciFetcherOptions } from "auth0/plugins/undici";

const credentials = { domain: "tenant.auth0.com", clientId: "id", clientSecret: "secret" };
const setting: ProxySetting = { url: "env", noProxy: "localhost", tunnel: true };
const options: UndiciFetcherOptions = { dispatcher: new Agent({ connections: 8 }) };

export const fast = new ManagementClient({ ...credentials, plugins: [undiciFetcher()] });
export const ownDispatcher = new ManagementClient({ ...credentials, plugins: [undiciFetcher(options)] });
export const proxied = new ManagementClient({ ...credentials, plugins: [undiciFetcher({ proxy: setting, agentOptions: { keepAliveTimeout: 10_000 } })] });
export const fetchThroughProxy = new ManagementClient({ ...credentials, plugins: [proxy("http://proxy.internal:3128")] });

export async function firstUser(): Promise<string | undefined> {
  return (await fast.users.list({ per_page: 1 })).data[0]?.user_id;
}
