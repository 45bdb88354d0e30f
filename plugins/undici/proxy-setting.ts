import type { Dispatcher } from "undici";
import { InvalidInputError } from "auth0";
import type { UndiciModule } from "./load-undici.js";

/**
 * Where to send requests: a proxy URL (`http://proxy:3128`, `https://user:password@proxy:8443`), `"env"` to take it
 * from `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` (or their lower-case forms), or the same with options.
 */
export type ProxySetting = string | URL | ProxyOptions;

/** A proxy with options: where it is, which hosts bypass it, and how plain-http targets go through it. */
export interface ProxyOptions {
  /** The proxy's `http://` or `https://` URL (credentials in it go to the proxy as `Proxy-Authorization`), or `"env"`. */
  readonly url: string | URL;
  /**
   * Hosts that bypass the proxy, as in `NO_PROXY`: comma-separated names (a leading dot or `*.` also matches
   * subdomains), optionally with `:port`, or `*` for all. Default: none for a URL, the `NO_PROXY` variable for `"env"`.
   */
  readonly noProxy?: string;
  /**
   * For `http://` targets: open a `CONNECT` tunnel through the proxy (`true`, the default, as undici does), or send
   * the request to the proxy in absolute form (`false`, a classic forward proxy; needs undici 7). `https://` targets
   * always tunnel, so TLS runs end to end with the tenant.
   */
  readonly tunnel?: boolean;
}

/** A checked setting, its URL held apart from anything that is logged or thrown. */
export interface ResolvedProxy {
  /** `undefined`: from the environment. */
  readonly url: string | undefined;
  readonly noProxy: string | undefined;
  readonly tunnel: boolean;
}

const INVALID = 'A proxy must be an http:// or https:// URL, "env", or { url, noProxy?, tunnel? }';

/** Check a setting before any request: a bad one is an `InvalidInputError` that never repeats the URL (it may hold a password). */
export function resolveProxy(setting: ProxySetting, field = "proxy"): ResolvedProxy {
  const options: ProxyOptions = typeof setting === "string" || setting instanceof URL ? { url: setting } : setting;
  if (options === null || typeof options !== "object" || (typeof options.url !== "string" && !(options.url instanceof URL))) {
    throw new InvalidInputError(field, INVALID);
  }
  if (options.noProxy !== undefined && typeof options.noProxy !== "string") throw new InvalidInputError(`${field}.noProxy`, "noProxy must be a string like NO_PROXY");
  if (options.tunnel !== undefined && typeof options.tunnel !== "boolean") throw new InvalidInputError(`${field}.tunnel`, "tunnel must be true or false");
  const tunnel = options.tunnel ?? true;
  if (options.url === "env") return { url: undefined, noProxy: options.noProxy, tunnel };
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new InvalidInputError(field, INVALID);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidInputError(field, INVALID);
  return { url: url.href, noProxy: options.noProxy ?? "", tunnel };
}

/**
 * undici's proxy-aware agent for a setting: every request to a host not in `noProxy` goes through the proxy. From
 * the environment, the variables are read when the agent is made (a client's first request), `NO_PROXY` on every
 * request.
 */
export function proxyDispatcher(undici: UndiciModule, proxy: ResolvedProxy): Dispatcher {
  const fromUrl = proxy.url === undefined ? {} : { httpProxy: proxy.url, httpsProxy: proxy.url };
  return new undici.EnvHttpProxyAgent({
    ...fromUrl,
    ...(proxy.noProxy !== undefined ? { noProxy: proxy.noProxy } : {}),
    ...(proxy.tunnel ? {} : { proxyTunnel: false }),
  });
}
