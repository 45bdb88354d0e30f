import { PluginError } from "auth0";

/** What this plugin uses of the undici module. */
export type UndiciModule = Pick<typeof import("undici"), "Agent" | "EnvHttpProxyAgent">;

const NODE_GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");
let loading: Promise<UndiciModule> | undefined;

/**
 * undici, imported on first use (so importing this entry costs nothing until a client sends a request). Importing
 * undici makes its own `Agent` the process-wide dispatcher when none is set yet — the slot Node's built-in `fetch`
 * reads too — so the app's own `fetch` calls would then run on this copy of undici. Node fills that slot on its first
 * `fetch`: make that happen first (a `data:` URL, no I/O), and the import finds the slot taken and leaves it alone.
 */
export function loadUndici(): Promise<UndiciModule> {
  return (loading ??= load());
}

async function load(): Promise<UndiciModule> {
  if ((globalThis as Record<symbol, unknown>)[NODE_GLOBAL_DISPATCHER] === undefined && typeof globalThis.fetch === "function") {
    try {
      await (await globalThis.fetch("data:,")).arrayBuffer();
    } catch {
      // A fetch that cannot read data: URLs is not Node's: there is no slot of Node's to protect.
    }
  }
  try {
    return await import("undici");
  } catch (error) {
    loading = undefined;
    throw new PluginError('auth0/plugins/undici needs the "undici" package: run `npm install undici`', { cause: error });
  }
}
