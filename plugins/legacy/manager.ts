import { BaseAPI } from "auth0";
import type { ManagementConfiguration } from "./configuration.js";
import { parseTable } from "./endpoint.js";
import type { LegacyExecutor } from "./executor.js";
import { LegacyCore } from "./legacy-core.js";

const SHARED_EXECUTOR = Symbol("auth0.legacy.executor");
const executors = new WeakMap<object, LegacyExecutor>();

/** A configuration that makes a manager run on an existing client's core (the managers of a `ManagementClient`). */
export function sharingExecutor(executor: LegacyExecutor): ManagementConfiguration {
  return { [SHARED_EXECUTOR]: executor } as ManagementConfiguration;
}

function executorOf(manager: object): LegacyExecutor {
  const executor = executors.get(manager);
  if (executor === undefined) throw new TypeError("auth0/legacy: a manager method was called on an object that is not a manager");
  return executor;
}

/**
 * The base of v4's managers (`UsersManager`, …). `new UsersManager(configuration)` takes v4's configuration (see
 * `Configuration`) and runs on a core of its own; the managers of a `ManagementClient` share the client's.
 */
export abstract class BaseManager extends BaseAPI {
  constructor(configuration: ManagementConfiguration) {
    super();
    const shared = (configuration as { [SHARED_EXECUTOR]?: LegacyExecutor } | null | undefined)?.[SHARED_EXECUTOR];
    executors.set(this, shared ?? new LegacyCore(configuration).executor);
  }
}

/** Puts a manager's methods on its prototype, one per line of its descriptor table (see `endpoint.ts`). */
export function defineManager(manager: abstract new (configuration: ManagementConfiguration) => BaseManager, table: string): void {
  for (const [name, endpoint] of parseTable(table)) {
    const method = function (this: BaseManager, ...args: unknown[]) {
      return executorOf(this).run(endpoint, args);
    };
    Object.defineProperty(method, "name", { value: name });
    Object.defineProperty(manager.prototype, name, { configurable: true, writable: true, enumerable: false, value: method });
  }
}
