import { BaseAPI } from "../core/base-api.js";
import { CoreClient } from "../core/client.js";
import type { AuthContext } from "./auth-context.js";
import { authContextFor, authCoreOptions } from "./auth-core.js";
import type { AuthenticationClientOptions } from "./client-options.js";

const SHARED_CONTEXT = Symbol("auth0.authContext");
const contexts = new WeakMap<BaseAuthAPI, AuthContext>();

/** The core of an endpoint group built on its own (`new OAuth(options)`): an Authentication API client in all but name. */
class StandaloneAuthCore extends CoreClient {
  readonly context: AuthContext;

  constructor(options: AuthenticationClientOptions) {
    const { given, core, config } = authCoreOptions(options);
    super(core, config);
    this.context = authContextFor(given, {
      pipeline: this.pipeline,
      origin: this.resolvedOptions.origin,
      send: (call, mapError) => this.send(call, mapError),
      reportError: (request, error) => this.reportError(request, error),
    });
  }
}

/**
 * The base of the Authentication API's endpoint groups, as in v4 and v5: `new OAuth(options)`, `new Database(options)`
 * and `new Passwordless(options)` take the `AuthenticationClient` options and work on their own (with a core of
 * their own), while the groups of an `AuthenticationClient` (`client.oauth`, …) share the client's core.
 */
export class BaseAuthAPI extends BaseAPI {
  /** The tenant's host, as given. */
  readonly domain: string;
  readonly clientId: string;

  constructor(options: AuthenticationClientOptions) {
    super();
    const shared = (options as { [SHARED_CONTEXT]?: AuthContext } | null | undefined)?.[SHARED_CONTEXT];
    const context = shared ?? new StandaloneAuthCore(options).context;
    contexts.set(this, context);
    this.domain = options.domain;
    this.clientId = context.clientId;
  }
}

/** The context a group sends through. */
export function authContextOf(api: BaseAuthAPI): AuthContext {
  const context = contexts.get(api);
  if (context === undefined) throw new TypeError("auth0: not an Authentication API group built by its constructor");
  return context;
}

/** Options that make a group share `context` (the groups of an `AuthenticationClient`). */
export function sharingContext(options: AuthenticationClientOptions, context: AuthContext): AuthenticationClientOptions {
  return { ...options, [SHARED_CONTEXT]: context } as AuthenticationClientOptions;
}
