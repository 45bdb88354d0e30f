import type { CoreClient } from "./client.js";
import type { ClientContainer } from "./container.js";
import { PluginError } from "./errors.js";
import type { ClientHookable } from "./hooks.js";
import type { Fetcher, Pipeline } from "./pipeline.js";
import type { ResolvedClientOptions } from "./options.js";

/**
 * What a plugin's `setup` receives. `Extension` is what the plugin declares it adds (so `addResource` accepts exactly
 * those names, each with its type); `Client` is the client class it is written for.
 */
export interface PluginContext<Extension extends object = {}, Client extends object = CoreClient> {
  /**
   * The client being built. Use it from what the plugin adds (a resource, a middleware), which runs once the client
   * exists: during `setup` itself a subclass (e.g. `ManagementClient`) has not finished initialising.
   */
  readonly client: Client;
  readonly container: ClientContainer;
  readonly hooks: ClientHookable;
  readonly pipeline: Pipeline;
  readonly options: ResolvedClientOptions;
  /** Add `client[name]`, created by `factory` on first access: one of the names the plugin's `Extension` declares. */
  addResource<Name extends keyof Extension & string>(name: Name, factory: () => Extension[Name]): void;
  /** Replace the transport at the bottom of the chain. */
  setFetcher(fetcher: Fetcher): void;
}

/**
 * A named unit of behaviour applied when a client is built. `Extension` describes the resources it adds, so
 * `ManagementClient.with(plugin)` can type them; `Client` is the client class it works with (default: any client),
 * so `with()` refuses a plugin written for another class.
 */
export interface Plugin<Extension extends object = {}, Client extends object = CoreClient> {
  readonly name: string;
  /** Names of plugins that must be applied before this one. */
  readonly dependencies?: readonly string[];
  setup(context: PluginContext<Extension, Client>): void;
  /** Type-level only: the members this plugin adds to the client. */
  readonly extension?: Extension;
}

/**
 * Identity helper that types a plugin: `definePlugin<{ audit: AuditLog }, ManagementClient>({ name, setup })` may add
 * only `audit` (with that type) and sees `client` as a `ManagementClient`.
 */
export function definePlugin<Extension extends object = {}, Client extends object = CoreClient>(
  plugin: Plugin<Extension, Client>,
): Plugin<Extension, Client> {
  return plugin;
}

export type PluginExtension<P> = P extends Plugin<infer E, never> ? E : never;

/** The members a list of plugins adds to a client. */
export type PluginExtensions<P extends readonly Plugin<object, never>[]> = P extends readonly [infer Head, ...infer Rest extends readonly Plugin<object, never>[]]
  ? PluginExtension<Head> & PluginExtensions<Rest>
  : {};

/** Apply plugins in order, checking names and dependencies first so nothing is half-applied. */
export function applyPlugins(plugins: readonly Plugin<object, never>[], context: PluginContext<object, CoreClient>): void {
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
  // The names were checked against each plugin's Extension where it was written; here they are plain strings.
  for (const plugin of plugins) (plugin as unknown as Plugin<Record<string, unknown>, CoreClient>).setup(context as PluginContext<Record<string, unknown>, CoreClient>);
}
