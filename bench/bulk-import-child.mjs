// The importing process of the crash-resume benchmark (bench/bulk.mjs): imports USERS generated users with a file
// checkpoint and prints one line per uploaded users file, so the parent can kill it halfway.
import { ManagementClient } from "auth0";
import { bulk } from "auth0/plugins/bulk";
import { fileCheckpoint } from "auth0/plugins/bulk/node";

const { DOMAIN, CLIENT_ID, CLIENT_SECRET, CONNECTION_ID, CHECKPOINT, USERS } = process.env;
const Management = ManagementClient.with(bulk({ pollIntervalMs: 20, maxPollIntervalMs: 500 }));
const management = new Management({ domain: DOMAIN, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
function* users() {
  for (let i = 0; i < Number(USERS); i++) yield { email: `resume-${i}@example.com`, email_verified: true, name: `Resumed User ${i}`, user_metadata: { i } };
}
const summary = await management.bulk.importUsers(users(), {
  connectionId: CONNECTION_ID,
  checkpoint: fileCheckpoint(CHECKPOINT),
  onProgress: (progress) => progress.phase === "uploading" && process.stdout.write(`uploaded ${progress.chunk}\n`),
});
process.stdout.write(`summary ${JSON.stringify({ ...summary, failed: summary.failed.length, chunks: summary.chunks.length })}\n`);
