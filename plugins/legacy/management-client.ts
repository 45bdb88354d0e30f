import { BaseAPI, type ClientHookable, type Pipeline } from "auth0";
import type { ManagementConfiguration } from "./configuration.js";
import { LegacyCore, managementParseError } from "./legacy-core.js";
import { managerClasses, type Managers } from "./generated/managers.js";
import { sharingExecutor } from "./manager.js";
import type { ManagementClientOptionsWithClientCredentials, ManagementClientOptionsWithToken } from "./options.js";

const cores = new WeakMap<ManagementClientBase, LegacyCore>();

function coreOf(client: ManagementClientBase): LegacyCore {
  const core = cores.get(client);
  if (core === undefined) throw new TypeError("auth0/legacy: not a ManagementClient built by its constructor");
  return core;
}

/**
 * v4's `ManagementClientBase`: every manager (`users`, `organizations`, …), built on first access, on one core (the
 * package's v5 `ManagementClient` with the `auth0:legacy` plugin). It takes v4's configuration (see `Configuration`);
 * `ManagementClient` is the same with the v4 client's options.
 */
export class ManagementClientBase extends BaseAPI {
  constructor(configuration: ManagementConfiguration) {
    super();
    cores.set(this, new LegacyCore(configuration));
  }

  /** The core's middleware chain (see the README): add your own links around the named ones. */
  get pipeline(): Pipeline {
    return coreOf(this).pipeline;
  }

  /** Lifecycle hooks of the core: request start, retry, response, error, token refreshed. */
  get lifecycle(): ClientHookable {
    return coreOf(this).lifecycle;
  }

  static {
    // One getter per v4 manager on the prototype; each instance builds a manager on first access and keeps it.
    for (const [name, Manager] of Object.entries(managerClasses)) {
      Object.defineProperty(this.prototype, name, {
        configurable: true,
        enumerable: false,
        get(this: ManagementClientBase) {
          const manager = new Manager(sharingExecutor(coreOf(this).executor));
          Object.defineProperty(this, name, { value: manager, configurable: true, enumerable: false, writable: false });
          return manager;
        },
      });
    }
  }
}

// The managers, typed: `management.users`, `management.organizations`, …
export interface ManagementClientBase extends Managers {}

/** v4's `ManagementClient`: `management.users.getAll(...)`, `management.organizations.getMembers(...)`, … */
export class ManagementClient extends ManagementClientBase {
  constructor(options: ManagementClientOptionsWithToken | ManagementClientOptionsWithClientCredentials) {
    const given = (options !== null && typeof options === "object" ? options : {}) as ManagementConfiguration;
    super({ ...given, baseUrl: undefined, parseError: managementParseError });
  }
}
