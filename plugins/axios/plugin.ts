import type { AxiosInstance, AxiosRequestConfig } from "axios";
import { definePlugin, PluginError, type Plugin } from "auth0";
import { axiosTransport } from "./transport.js";

/** Options of `axiosFetcher()`. */
export interface AxiosFetcherOptions {
  /**
   * Extra axios config for the SDK's requests only (`proxy`, `httpsAgent`, …), on top of the
   * instance's defaults. The fields the transport owns — url, method, headers, data, signal, timeout, responseType,
   * validateStatus, the transforms and `maxRedirects` (the chain follows redirects, within the origin only) — are
   * always set by the transport.
   */
  readonly config?: AxiosRequestConfig;
}

/**
 * A plugin that makes `instance` the bottom of the client's chain: every request — the client-credentials token
 * request included — goes through `instance.request()`, so the instance's interceptors and settings apply, and every
 * middleware above it (auth, retry, throttle, timeout, logging, raw responses) behaves as with the default transport.
 */
export function axiosFetcher(instance: AxiosInstance, options: AxiosFetcherOptions = {}): Plugin {
  if (typeof (instance as Partial<AxiosInstance> | null | undefined)?.request !== "function") {
    throw new PluginError("axiosFetcher() needs an axios instance, e.g. axiosFetcher(axios.create())");
  }
  return definePlugin({
    name: "axios-fetcher",
    setup({ setFetcher, options: clientOptions }) {
      // The `agent` option is an undici dispatcher (mTLS, proxy) that axios cannot use; dropping it silently would
      // send requests without the client certificate.
      if (clientOptions.raw.agent !== undefined) {
        throw new PluginError("The axios fetcher cannot use the `agent` option: give your axios instance an `httpsAgent` instead");
      }
      setFetcher(axiosTransport(instance, options.config));
    },
  });
}
