// The bulk plugin's types from the built package: its resource on the client, its summary, and the `bulk:*` hooks
// it adds to the client's lifecycle (a module augmentation of "auth0", appended to the rollup by the build).
import { ManagementClient } from "auth0";
import { bulk, type BulkProgress, type ImportSummary } from "auth0/plugins/bulk";
import { fileCheckpoint, usersFile } from "auth0/plugins/bulk/node";

const Management = ManagementClient.with(bulk({ concurrency: 2 }));
const management = new Management({ domain: "tenant.auth0.com", clientId: "id", clientSecret: "secret" });

management.lifecycle.hook("bulk:progress", ({ run, progress }) => {
  const phase: BulkProgress["phase"] = progress.phase;
  console.log(run.operation, phase, progress.done);
});

export async function importFile(path: string): Promise<ImportSummary> {
  return management.bulk.importUsers(usersFile(path), { connectionId: "con_x", checkpoint: fileCheckpoint(`${path}.checkpoint`) });
}

export async function emails(): Promise<string[]> {
  const found: string[] = [];
  for await (const row of management.bulk.exportUsers({ format: "csv", fields: ["email"] })) found.push(row["email"] ?? "");
  return found;
}
