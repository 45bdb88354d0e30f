import type { CoreClientConfig } from "../core/client.js";
import { InvalidInputError } from "../core/errors.js";
import type { CoreClientOptions } from "../core/options.js";
import type { ClientOptions } from "./client-options.js";
import { fetchOption } from "./fetch-transport.js";
import { sortMiddlewareOption } from "./middleware-option.js";
import { retryPolicy } from "./retry-policy.js";

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * How the Authentication API and `/userinfo` clients configure the core from v5's options: `timeoutDuration` (ms) as
 * the per-attempt timeout, `retry` as the one `retry` link's policy, `fetch` as the transport, `middleware` sorted by
 * shape (v5's object-style hooks become the `middlewareHooks` link). Only the options the
 * core knows are passed on, so a stray `timeoutInSeconds` or `maxRetries` cannot contradict them.
 */
export function coreSetup(
  options: ClientOptions & { domain?: unknown },
  retryEnabledByDefault: boolean,
): { core: CoreClientOptions & { domain?: unknown }; config: CoreClientConfig } {
  const timeoutMs = options.timeoutDuration ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || !(timeoutMs >= 0)) {
    throw new InvalidInputError("timeoutDuration", '"timeoutDuration" must be a number of milliseconds ≥ 0');
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new InvalidInputError("fetch", '"fetch" must be a function (url, init) => Promise<Response>');
  }
  const { retry, maxRetries } = retryPolicy(options.retry, retryEnabledByDefault);
  const { chain, plugin: hooks } = sortMiddlewareOption(options.middleware, options.fetch, timeoutMs);
  const plugins = [...(options.fetch ? [fetchOption(options.fetch)] : []), ...(hooks ? [hooks] : []), ...(options.plugins ?? [])];
  const core: CoreClientOptions & { domain?: unknown } = {
    domain: options.domain,
    ...pick(options, ["headers", "telemetry", "clientInfo", "logging", "fetcher", "agent", "maxResponseBytes"]),
    ...(chain.length > 0 ? { middleware: chain } : {}),
    ...(plugins.length > 0 ? { plugins } : {}),
  };
  return { core, config: { api: "authentication", basePath: "", defaultTimeoutMs: timeoutMs, defaultMaxRetries: maxRetries, retry } };
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
