/**
 * auth0/plugins/axios: send the SDK's requests through your axios instance (its interceptors, agents and proxy
 * settings) while the SDK's own chain keeps owning auth, retries, throttling, timeouts and logging.
 *
 * @packageDocumentation
 */
export { axiosFetcher } from "./plugin.js";
export type { AxiosFetcherOptions } from "./plugin.js";
