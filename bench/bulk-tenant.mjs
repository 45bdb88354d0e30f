// A mock tenant in a process of its own for the bulk benchmarks (bench/bulk.mjs), so its store and its work (100,000
// users imported, a million-user export file gzipped) weigh nothing in the measured process. Driven over IPC:
//   → { jobs }                         start it with these job options; ← { domain, clientId, clientSecret }
//   → { type: "exportSource", users }  export jobs read `users` generated users instead of the store
//   → { type: "stats" }                ← { users, distinctEmails, importJobs, importUploads, refused }
import { startMockTenant } from "auth0/testing";

const options = await new Promise((resolve) => process.once("message", resolve));
const tenant = await startMockTenant({ rateLimit: { burst: 100_000, perSecond: 100_000 }, jobs: options.jobs });
process.send({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });

process.on("message", (message) => {
  if (message.type === "exportSource") {
    tenant.jobs.setExportSource(function* () {
      for (let i = 0; i < message.users; i++) {
        yield { user_id: `auth0|${String(i).padStart(10, "0")}`, email: `export-${i}@example.com`, email_verified: true, name: `Exported User ${i}`, created_at: "2026-01-01T00:00:00.000Z" };
      }
    });
    process.send({ type: "ready" });
  } else if (message.type === "stats") {
    const emails = tenant.allUsers().map((user) => user.email);
    const uploads = tenant.requests.filter((request) => request.method === "POST" && request.path === "/api/v2/jobs/users-imports");
    process.send({
      type: "stats",
      users: emails.length,
      distinctEmails: new Set(emails).size,
      importJobs: tenant.jobs.list().filter((job) => job.type === "users_import").length,
      importUploads: uploads.length,
      refused: uploads.filter((request) => request.status === 429).length,
    });
  }
});
process.on("disconnect", () => tenant.close().then(() => process.exit(0)));
