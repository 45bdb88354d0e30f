// Bulk import with a terminal progress bar: 20,000 users cut into 500 KB files, 2 import jobs at a time (Auth0's
// limits), every refused user reported with its reason. Runs against the embedded mock tenant; set AUTH0_DOMAIN,
// AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and AUTH0_CONNECTION_ID (a database connection you may fill with test users)
// to run it against your tenant. The bar is cli-progress, a dev dependency of this example, not of the SDK.
import { Presets, SingleBar } from "cli-progress";
import { ManagementClient } from "auth0";
import { bulk, memoryCheckpoint, type ImportUser } from "auth0/plugins/bulk";
import { exampleTenant } from "./support/tenant.js";

// The mock tenant processes 20,000 users a second per job; Auth0 takes minutes per file, so there keep the plugin's
// default polling (a second at first, backing off to 15 s) instead of this one.
const tenant = await exampleTenant({ jobs: { pendingMs: 100, importUsersPerSecond: 20_000 } });
const Management = ManagementClient.with(bulk(tenant.mock ? { pollIntervalMs: 50 } : {}));
const management = new Management({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
const connectionId = tenant.mock
  ? (await management.connections.list({ name: "Username-Password-Authentication" })).data[0]!.id!
  : process.env.AUTH0_CONNECTION_ID;
if (!connectionId) throw new Error("Set AUTH0_CONNECTION_ID: the database connection to import into");

// Users can come from anywhere that iterates: an array, a database cursor, a file (usersFile() in
// auth0/plugins/bulk/node). Two of these will be refused: one has no valid email, one comes twice.
async function* legacyUsers(): AsyncGenerator<ImportUser> {
  for (let i = 0; i < 20_000; i++) {
    yield { email: i === 4242 ? "not-an-email" : `member-${i % 19_999}@example.com`, email_verified: true, given_name: "Member", family_name: String(i), user_metadata: { legacyId: i } };
  }
}

const bar = new SingleBar({ format: "{bar} {percentage}% | {value}/{total} users | {phase} {job} | ETA {remaining}", hideCursor: true }, Presets.shades_classic);
bar.start(20_000, 0, { phase: "chunking", job: "", remaining: "…" });
const summary = await management.bulk.importUsers(legacyUsers(), {
  connectionId,
  checkpoint: memoryCheckpoint(), // fileCheckpoint(path) from auth0/plugins/bulk/node survives a crash
  onProgress: ({ phase, done, total, jobId, etaMs }) => {
    if (total !== undefined) bar.setTotal(total);
    bar.update(done, { phase, job: jobId ?? "", remaining: etaMs === undefined ? "…" : `${Math.ceil(etaMs / 1000)} s` });
  },
});
bar.stop();

console.log(`Imported ${summary.inserted} users (${summary.updated} updated) in ${summary.jobIds.length} jobs: ${summary.jobIds.join(", ")}`);
console.log(`${summary.failed.length} refused:`);
for (const { user, errors, index } of summary.failed) console.log(`  #${index} ${user.email}: ${errors.map((error) => `${error.code} ${error.message}`).join("; ")}`);
await tenant.close();
