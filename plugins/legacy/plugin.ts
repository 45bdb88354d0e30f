import { definePlugin, fetchFetcher, hookMiddleware, type Middleware, type Plugin } from "auth0";
import { legacyRetry, type RetryConfiguration } from "./retry.js";
import { legacyTransport, type FetchAPI } from "./transport.js";

export interface LegacyPluginOptions {
  retry?: RetryConfiguration;
  middleware?: readonly Middleware[];
  fetch?: FetchAPI;
  /** The per-attempt timeout, also used for the requests middleware hooks send themselves. */
  timeoutMs: number;
}

/**
 * What makes the v5 client's chain behave as v4's: the `retry` link reconfigured (429 only, v4's backoff), the
 * `legacyTransport` link just inside it, the `legacyMiddleware` link (the main entry's `hookMiddleware`: v4's hooks)
 * just outside it (when hooks are given), and the `fetch` option as the transport. The chain then reads:
 * auth → customDomain → legacyMiddleware → retry → legacyTransport → timeout → logging → rawResponse → fetch.
 */
export function legacyPlugin(options: LegacyPluginOptions): Plugin {
  return definePlugin({
    name: "auth0:legacy",
    setup({ pipeline, hooks, setFetcher }) {
      pipeline.replace("retry", legacyRetry(options.retry, hooks));
      pipeline.use(legacyTransport(), { name: "legacyTransport", after: "retry" });
      const middleware = (options.middleware ?? []).filter((hook) => hook !== null && typeof hook === "object");
      if (middleware.length > 0) {
        const fetch: FetchAPI = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
        pipeline.use(hookMiddleware(middleware, fetch, options.timeoutMs), { name: "legacyMiddleware", before: "retry" });
      }
      if (options.fetch) setFetcher(fetchFetcher(options.fetch));
    },
  });
}
