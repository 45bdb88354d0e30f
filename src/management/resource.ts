import { isEndpoint, type ResourceTable } from "./endpoint.js";
import type { ManagementExecutor } from "./executor.js";

/**
 * Turn a resource's descriptor table into the object users call: each endpoint becomes a method that hands its
 * arguments to the executor, each sub-table a sub-resource built on first access. Nothing is built until used.
 */
export function buildResource(executor: ManagementExecutor, table: ResourceTable, name: string): object {
  const resource: Record<string, unknown> = {};
  for (const member of Object.keys(table)) {
    const entry = table[member]!;
    const qualified = `${name}.${member}`;
    if (isEndpoint(entry)) {
      resource[member] = (...args: unknown[]) => executor.call(qualified, entry, args);
    } else {
      defineCachedGetter(resource, member, () => buildResource(executor, entry, qualified));
    }
  }
  return resource;
}

/** A getter that replaces itself with its value on first access. */
export function defineCachedGetter(target: object, name: string, create: () => unknown): void {
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: true,
    get() {
      const value = create();
      Object.defineProperty(this, name, { value, configurable: true, enumerable: true, writable: false });
      return value;
    },
  });
}
