import { InvalidInputError } from "../core/errors.js";
import type { PipelineMiddleware, MiddlewareEntry } from "../core/pipeline.js";
import type { Plugin } from "../core/plugin.js";
import type { FetchAPI } from "./client-options.js";
import { hookMiddleware } from "./hook-middleware.js";
import type { MiddlewareFetch, Middleware } from "./middleware-contexts.js";

/** What the `middleware` option of the Authentication API and `/userinfo` clients takes, in any order. */
export type AuthClientMiddleware = PipelineMiddleware | MiddlewareEntry | Middleware;

const HOOKS = ["pre", "post", "onError"] as const;
const SHAPES = "a function (request, next) => Promise<response>, an entry { middleware, name?, before?, after? }, or v5's hooks { pre?, post?, onError? }";

/**
 * The `middleware` option, sorted by shape: the core's function-style middleware and `{ middleware, … }` entries go to
 * the core as they are; v5's object-style hooks become one `middlewareHooks` link just outside `retry` (so they run
 * once around the attempts and retries), sending their own requests with the `fetch` option or the global `fetch`.
 * Anything else is refused here, at construction.
 */
export function sortMiddlewareOption(
  given: unknown,
  fetch: FetchAPI | undefined,
  timeoutMs: number,
): { chain: Array<PipelineMiddleware | MiddlewareEntry>; plugin: Plugin | undefined } {
  if (given === undefined) return { chain: [], plugin: undefined };
  if (!Array.isArray(given)) throw new InvalidInputError("middleware", `"middleware" must be an array of middleware: each ${SHAPES}`);
  const chain: Array<PipelineMiddleware | MiddlewareEntry> = [];
  const hooks: Middleware[] = [];
  for (const entry of given as unknown[]) {
    if (typeof entry === "function") chain.push(entry as PipelineMiddleware);
    else if (isEntry(entry)) chain.push(entry);
    else if (isHooks(entry)) hooks.push(entry);
    else throw new InvalidInputError("middleware", `A middleware must be ${SHAPES}`);
  }
  if (hooks.length === 0) return { chain, plugin: undefined };
  // v5 hands a hook's arguments to the `fetch` option as given (a URL object is passed on as its string here).
  const hookFetch: MiddlewareFetch = fetch
    ? (url, init) => fetch(url instanceof URL ? url.href : (url as string), init)
    : (url, init) => globalThis.fetch(url, init);
  return {
    chain,
    plugin: {
      name: "auth0:middlewareHooks",
      setup: ({ pipeline }) => void pipeline.use(hookMiddleware(hooks, hookFetch, timeoutMs), { name: "middlewareHooks", before: "retry" }),
    },
  };
}

function isEntry(entry: unknown): entry is MiddlewareEntry {
  if (entry === null || typeof entry !== "object" || !("middleware" in entry)) return false;
  if (HOOKS.some((hook) => hook in entry)) throw new InvalidInputError("middleware", "A middleware entry has either `middleware` or hooks (`pre`, `post`, `onError`), not both");
  return true;
}

function isHooks(entry: unknown): entry is Middleware {
  if (entry === null || typeof entry !== "object") return false;
  const hooks = entry as Record<string, unknown>;
  let any = false;
  for (const hook of HOOKS) {
    if (hooks[hook] === undefined) continue;
    if (typeof hooks[hook] !== "function") throw new InvalidInputError("middleware", `The middleware hook "${hook}" must be a function, not ${typeof hooks[hook]}`);
    any = true;
  }
  return any;
}
