import { definePlugin, PluginError, Tokens, type ManagementClient, type Plugin } from "auth0";
import { BulkUsersResource, type BulkUsers } from "./bulk-users.js";
import type { BulkOptions } from "./options.js";

/** What `bulk()` adds to a client. */
export interface BulkExtension {
  /** Bulk user import and export (`auth0/plugins/bulk`). */
  readonly bulk: BulkUsers;
}

/**
 * Adds `management.bulk`: `importUsers(source, options)` and `exportUsers(options)` over Auth0's user import and
 * export jobs, within the tenant's documented limits. `options` are defaults for every run.
 *
 * ```ts
 * const Management = ManagementClient.with(bulk());
 * const management = new Management({ domain, clientId, clientSecret });
 * const summary = await management.bulk.importUsers(users, { connectionId });
 * ```
 */
export function bulk(options: BulkOptions = {}): Plugin<BulkExtension> {
  return definePlugin<BulkExtension>({
    name: "bulk",
    setup({ client, hooks, pipeline, options: clientOptions, container, addResource }) {
      if (!("jobs" in client)) throw new PluginError('The "bulk" plugin works on a ManagementClient');
      const logger = container.resolve(Tokens.logger);
      addResource(
        "bulk",
        () =>
          new BulkUsersResource(
            {
              client: client as ManagementClient,
              hooks,
              pipeline,
              options: clientOptions,
              onObserverError: (error) => logger?.log("warn", "auth0: a bulk progress observer threw", error),
            },
            options,
          ),
      );
    },
  });
}
