// Swapping the transport with v5's `fetcher` option: the function receives v5's Fetcher.Args and returns
// { ok, body, headers, rawResponse } — every middleware (auth, retry, timeout, logging) still runs above it.
import { ManagementClient, type CustomFetcher } from "auth0";
import { exampleTenant } from "./support/tenant.js";

const tenant = await exampleTenant();
let calls = 0;

const fetcher: CustomFetcher = async (args) => {
  calls += 1;
  const url = new URL(args.url);
  for (const [key, value] of Object.entries(args.queryParameters ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
  const response = await fetch(url, {
    method: args.method,
    headers: args.headers,
    body: args.body === undefined ? undefined : args.requestType === "json" ? JSON.stringify(args.body) : (args.body as BodyInit),
    signal: args.abortSignal,
  });
  const text = await response.text();
  const body = text === "" ? undefined : JSON.parse(text);
  const rawResponse = { headers: response.headers, redirected: response.redirected, status: response.status, statusText: response.statusText, type: response.type, url: response.url };
  return response.ok
    ? { ok: true, body, headers: response.headers, rawResponse }
    : { ok: false, error: { reason: "status-code", statusCode: response.status, body }, rawResponse };
};

const management = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, fetcher });
const roles = await management.roles.list();
console.log(`listed ${roles.data.length} roles; the custom fetcher made ${calls} requests (token included)`);
await tenant.close();
