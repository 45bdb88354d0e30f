import type { ClientContainer } from "./container.js";
import { PluginError } from "./errors.js";
import type { ClientHookable } from "./hooks.js";
import type { Fetcher, Pipeline } from "./pipeline.js";
import type { ResolvedClientOptions } from "./options.js";

/** What a plugin's `setup` receives. */
export interface PluginContext {
  /** The client being built (its resources are not all created yet). */
  readonly client: object;
  readonly container: ClientContainer;
  readonly hooks: ClientHookable;
  readonly pipeline: Pipeline;
  readonly options: ResolvedClientOptions;
  /** Add `client[name]`, created by `factory` on first access. */
  addResource<T>(name: string, factory: () => T): void;
  /** Replace the transport at the bottom of the chain. */
  setFetcher(fetcher: Fetcher): void;
}

/**
 * A named unit of behaviour applied when a client is built. `Extension` describes the resources it adds, so
 * `ManagementClient.with(plugin)` can type them.
 */
export interface Plugin<Extension extends object = {}> {
  readonly name: string;
  /** Names of plugins that must be applied before this one. */
  readonly dependencies?: readonly string[];
  setup(context: PluginContext): void;
  /** Type-level only: the members this plugin adds to the client. */
  readonly extension?: Extension;
}

/** Identity helper that infers the plugin's extension type. */
export function definePlugin<Extension extends object = {}>(plugin: Plugin<Extension>): Plugin<Extension> {
  return plugin;
}

export type PluginExtension<P> = P extends Plugin<infer E> ? E : never;

/** The members a list of plugins adds to a client. */
export type PluginExtensions<P extends readonly Plugin<object>[]> = P extends readonly [infer Head, ...infer Rest extends readonly Plugin<object>[]]
  ? PluginExtension<Head> & PluginExtensions<Rest>
  : {};

/** Apply plugins in order, checking names and dependencies first so nothing is half-applied. */
export function applyPlugins(plugins: readonly Plugin<object>[], context: PluginContext): void {
  const seen = new Set<string>();
  for (const plugin of plugins) {
    if (!plugin || typeof plugin.name !== "string" || plugin.name === "" || typeof plugin.setup !== "function") {
      throw new PluginError("A plugin needs a non-empty `name` and a `setup` function");
    }
    if (seen.has(plugin.name)) throw new PluginError(`Plugin "${plugin.name}" is registered twice`);
    for (const dependency of plugin.dependencies ?? []) {
      if (!seen.has(dependency)) {
        throw new PluginError(`Plugin "${plugin.name}" depends on "${dependency}", which must be registered before it`);
      }
    }
    seen.add(plugin.name);
  }
  for (const plugin of plugins) plugin.setup(context);
}
