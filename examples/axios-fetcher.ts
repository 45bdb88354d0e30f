// Your axios instance as the transport: every request (the token request too) goes through it, so its interceptors
// apply, while retries, timeouts and the rest of the chain stay the SDK's.
import axios from "axios";
import { ManagementClient } from "auth0";
import { axiosFetcher } from "auth0/plugins/axios";
import { exampleTenant } from "./support/tenant.js";

const tenant = await exampleTenant();

const http = axios.create();
http.interceptors.request.use((config) => {
  console.log(`  axios → ${config.method?.toUpperCase()} ${new URL(String(config.url)).pathname}`);
  return config;
});
http.interceptors.response.use((response) => {
  console.log(`  axios ← ${response.status}`);
  return response;
});

const management = new ManagementClient({
  domain: tenant.domain,
  clientId: tenant.clientId,
  clientSecret: tenant.clientSecret,
  plugins: [axiosFetcher(http)],
});

const { data: roles } = await management.roles.list();
console.log(`listed ${roles.length} roles through axios`);
await tenant.close();
