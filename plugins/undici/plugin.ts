import type { Agent, Dispatcher } from "undici";
import { definePlugin, InvalidInputError, PluginError, type PipelineRequest, type Plugin, type PluginContext } from "auth0";
import { loadUndici } from "./load-undici.js";
import { proxyDispatcher, resolveProxy, type ProxySetting, type ResolvedProxy } from "./proxy-setting.js";
import { undiciTransport } from "./transport.js";

/** Options of `undiciFetcher()`. */
export interface UndiciFetcherOptions {
  /**
   * Send requests through this dispatcher — an `Agent`, a `Pool`, a `ProxyAgent`, … — instead of a keep-alive
   * `Agent` the plugin makes for each client. It is yours: close it when you are done with the clients using it.
   */
  readonly dispatcher?: Dispatcher;
  /** Send every request through an HTTP(S) proxy (see `ProxySetting`); the plugin makes undici's proxy agent. */
  readonly proxy?: ProxySetting;
  /** Options of the `Agent` the plugin makes (`connections` per origin, `keepAliveTimeout`, `connect` TLS options, …). */
  readonly agentOptions?: Agent.Options;
}

/**
 * A plugin that makes undici's `Dispatcher` API the bottom of the client's chain (Node): every request — the
 * client-credentials token request included — is one `dispatcher.request()`, with the headers and body fetch would
 * send, while every middleware above it (auth, retry, throttle, timeout, logging, raw responses) behaves as with the
 * default transport. The dispatcher: the client's `agent` option when given (e.g. `createMtlsAgent()`), else
 * `options.dispatcher`, else one the plugin makes per client on its first request — keep-alive, or through
 * `options.proxy`.
 */
export function undiciFetcher(options: UndiciFetcherOptions = {}): Plugin {
  if (options === null || typeof options !== "object") throw new InvalidInputError("options", "undiciFetcher() takes an options object");
  const { dispatcher, agentOptions } = options;
  if (dispatcher !== undefined && !isDispatcher(dispatcher)) {
    throw new InvalidInputError("dispatcher", "dispatcher must be an undici Dispatcher (an Agent, a Pool, a ProxyAgent, …)");
  }
  const proxy = options.proxy === undefined ? undefined : resolveProxy(options.proxy);
  if (dispatcher !== undefined && (proxy !== undefined || agentOptions !== undefined)) {
    throw new InvalidInputError("dispatcher", "Give undiciFetcher() a dispatcher, or proxy/agentOptions for the one it makes, not both");
  }
  return definePlugin({
    name: "undici-fetcher",
    setup(context) {
      const agent = clientAgent(context, "undiciFetcher()", dispatcher !== undefined || proxy !== undefined);
      // Made on the first request; once made, handed over without a promise to wait on.
      let made: Dispatcher | undefined;
      let making: Promise<Dispatcher> | undefined;
      const owned = (): Dispatcher | Promise<Dispatcher> => made ?? (making ??= makeDispatcher(proxy, agentOptions).then(
          (ready) => (made = ready),
          (error: unknown) => {
            making = undefined;
            throw error;
          },
        ));
      const fixed = agent ?? dispatcher;
      context.setFetcher(undiciTransport(fixed !== undefined ? () => fixed : (request) => requestDispatcher(request) ?? owned()));
    },
  });
}

/**
 * A plugin that sends every request of the default transport (fetch) through an HTTP(S) proxy, by handing fetch
 * undici's proxy agent as its `dispatcher` (Node). Nothing changes until you add it: importing the SDK or this entry
 * reads no environment variable and sets no global dispatcher. With `undiciFetcher()` use its `proxy` option.
 */
export function proxy(setting: ProxySetting): Plugin {
  const resolved = resolveProxy(setting);
  return definePlugin({
    name: "proxy",
    setup(context) {
      clientAgent(context, "proxy()", true);
      let own: Promise<Dispatcher> | undefined;
      context.pipeline.use(
        async (request, next) => {
          // A dispatcher the call names itself (an `initOverrides` one) wins, as the nearer setting.
          if (requestDispatcher(request) === undefined) {
            request.fetchOptions = { ...request.fetchOptions, dispatcher: await (own ??= makeDispatcher(resolved, undefined)) };
          }
          return next(request);
        },
        { name: "proxy" },
      );
    },
  });
}

/** The client's `agent` option, checked; refused when the plugin was given a dispatcher of its own to use. */
function clientAgent(context: PluginContext, plugin: string, hasOwn: boolean): Dispatcher | undefined {
  const agent = context.options.raw.agent;
  if (agent === undefined) return undefined;
  if (hasOwn) {
    throw new PluginError(`${plugin} was given a dispatcher or proxy, and the client an \`agent\`: use one (a ProxyAgent with requestTls does mTLS through a proxy)`);
  }
  if (!isDispatcher(agent)) throw new PluginError(`${plugin} needs the client's \`agent\` to be an undici Dispatcher (e.g. from createMtlsAgent())`);
  return agent;
}

function requestDispatcher(request: PipelineRequest): Dispatcher | undefined {
  const dispatcher = request.fetchOptions?.dispatcher;
  return dispatcher !== undefined && isDispatcher(dispatcher) ? dispatcher : undefined;
}

async function makeDispatcher(proxy: ResolvedProxy | undefined, agentOptions: Agent.Options | undefined): Promise<Dispatcher> {
  const undici = await loadUndici();
  return proxy !== undefined ? proxyDispatcher(undici, proxy) : new undici.Agent(agentOptions);
}

function isDispatcher(value: unknown): value is Dispatcher {
  return typeof value === "object" && value !== null && typeof (value as Dispatcher).request === "function" && typeof (value as Dispatcher).dispatch === "function";
}
