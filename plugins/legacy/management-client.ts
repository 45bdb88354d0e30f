import { ManagementClient as CoreManagementClient, type ClientHookable, type ManagementClientOptions as CoreOptions, type Pipeline } from "auth0";
import { parseTable } from "./endpoint.js";
import { LegacyExecutor } from "./executor.js";
import { endpoints } from "./generated/endpoints.js";
import type { Managers } from "./generated/managers.js";
import type {
  ManagementClientOptionsWithClientAssertion,
  ManagementClientOptionsWithClientCredentials,
  ManagementClientOptionsWithClientSecret,
  ManagementClientOptionsWithToken,
} from "./options.js";
import { legacyPlugin } from "./plugin.js";
import { maxRetriesOf } from "./retry.js";
import { legacyClientInfo } from "./telemetry.js";

const DEFAULT_TIMEOUT_MS = 10_000;

type AnyOptions = Partial<ManagementClientOptionsWithToken & ManagementClientOptionsWithClientSecret & ManagementClientOptionsWithClientAssertion>;

/** The v5 client's options for v4's: the same credentials and headers, v4's telemetry, timeout and retries, and the plugin. */
function coreOptions(options: AnyOptions): CoreOptions {
  const timeoutMs = typeof options.timeoutDuration === "number" ? options.timeoutDuration : DEFAULT_TIMEOUT_MS;
  const mapped: Record<string, unknown> = {
    domain: options.domain,
    audience: options.audience,
    token: options.token,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAssertionSigningKey: options.clientAssertionSigningKey,
    clientAssertionSigningAlg: options.clientAssertionSigningAlg,
    useMTLS: options.useMTLS,
    headers: options.headers,
    telemetry: options.telemetry,
    clientInfo: options.clientInfo ?? legacyClientInfo(),
    agent: options.agent,
    maxResponseBytes: options.maxResponseBytes,
    timeoutInSeconds: timeoutMs / 1000,
    maxRetries: maxRetriesOf(options.retry),
    // v4 had no client-side throttle: keep its behaviour (each request goes out at once; 429s go to v4's retry rule).
    throttle: false,
    plugins: [legacyPlugin({ retry: options.retry, middleware: options.middleware, fetch: options.fetch, timeoutMs })],
  };
  for (const key of Object.keys(mapped)) if (mapped[key] === undefined) delete mapped[key];
  return mapped as unknown as CoreOptions;
}

function buildManager(executor: LegacyExecutor, table: string): object {
  const manager: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, endpoint] of parseTable(table)) manager[name] = (...args) => executor.run(endpoint, args);
  return manager;
}

/**
 * The v4 client: the package's v5 `ManagementClient` (its core, chain and client-credentials token provider) with
 * the `auth0:legacy` plugin, its surface reshaped into v4's managers, built from the generated descriptor tables.
 */
class LegacyManagementClient extends CoreManagementClient {
  readonly #executor: LegacyExecutor;

  constructor(options: ManagementClientOptionsWithToken | ManagementClientOptionsWithClientCredentials) {
    const given = (options !== null && typeof options === "object" ? options : {}) as AnyOptions;
    super(coreOptions(given));
    this.#executor = new LegacyExecutor(
      (call, mapError) => this.send(call, mapError),
      (request, error) => this.reportError(request, error),
      given.headers,
    );
  }

  static {
    // One getter per v4 manager on the prototype (shadowing the v5 resource of the same name); each instance
    // builds a manager on first access and keeps it.
    for (const [name, table] of Object.entries(endpoints)) {
      Object.defineProperty(LegacyManagementClient.prototype, name, {
        configurable: true,
        enumerable: false,
        get(this: LegacyManagementClient) {
          const manager = buildManager(this.#executor, table);
          Object.defineProperty(this, name, { value: manager, configurable: true, enumerable: false, writable: false });
          return manager;
        },
      });
    }
    // v5's resources that v4 never had (groups, eventStreams, …) are hidden, so what runs is v4's surface, as typed.
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(CoreManagementClient.prototype))) {
      if (descriptor.get === undefined || name in endpoints) continue;
      Object.defineProperty(LegacyManagementClient.prototype, name, { configurable: true, enumerable: false, value: undefined });
    }
  }
}

/** v4's `ManagementClient`: `management.users.getAll(...)`, `management.organizations.getMembers(...)`, … */
export interface ManagementClient extends Managers {
  /** The core's middleware chain (see the README): add your own links around the named ones. */
  readonly pipeline: Pipeline;
  /** Lifecycle hooks of the core: request start, retry, response, error, token refreshed. */
  readonly lifecycle: ClientHookable;
}

export const ManagementClient: new (options: ManagementClientOptionsWithToken | ManagementClientOptionsWithClientCredentials) => ManagementClient =
  LegacyManagementClient as unknown as new (options: ManagementClientOptionsWithToken | ManagementClientOptionsWithClientCredentials) => ManagementClient;
