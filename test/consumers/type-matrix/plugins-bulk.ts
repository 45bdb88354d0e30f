// auth0/plugins/bulk as a neutral-runtime app uses it: the resource on the client, the summary, and the `bulk:*`
// hooks it adds to the client's lifecycle (a module augmentation of "auth0", appended to the rollup by the build).
import { ManagementClient } from "auth0";
import { bulk, type BulkProgress, type ImportSummary } from "auth0/plugins/bulk";

const Management = ManagementClient.with(bulk({ concurrency: 2 }));
const management = new Management({ domain: "tenant.auth0.com", clientId: "id", clientSecret: "secret" });

management.lifecycle.hook("bulk:progress", ({ run, progress }) => {
  const phase: BulkProgress["phase"] = progress.phase;
  console.log(run.operation, phase, progress.done);
});

export async function importUsers(users: Array<{ email: string; email_verified: boolean }>): Promise<ImportSummary> {
  return management.bulk.importUsers(users, { connectionId: "con_x" });
}
