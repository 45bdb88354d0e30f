// "auth0/plugins/axios", as its README shows: the app's own axios instance must be the type the plugin takes.
import axios from "axios";
import { ManagementClient } from "auth0";
import { axiosFetcher } from "auth0/plugins/axios";

const http = axios.create({ timeout: 5000 });
export const viaAxios = new ManagementClient({ domain: "tenant.auth0.com", token: "token", plugins: [axiosFetcher(http, { config: { maxRedirects: 0 } })] });
