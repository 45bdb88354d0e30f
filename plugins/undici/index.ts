/**
 * auth0/plugins/undici (Node): undici's `Dispatcher` API as the client's transport — the same chain, the same bytes
 * on the wire, a fraction of fetch's CPU per request — and HTTP(S) proxies for it and for the default transport.
 *
 * @packageDocumentation
 */
export { undiciFetcher, proxy } from "./plugin.js";
export type { UndiciFetcherOptions } from "./plugin.js";
export type { ProxySetting, ProxyOptions } from "./proxy-setting.js";
