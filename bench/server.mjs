// A loopback API for benchmarks, run in its own process so its CPU is not counted against the client.
// It serves a user, paginated user lists (total = USERS env, default 10,000) and a client-credentials token endpoint.
import { createServer } from "node:http";

const total = Number(process.env.USERS ?? 10_000);
const user = (i) => ({ user_id: `auth0|${String(i).padStart(8, "0")}`, email: `user${i}@example.com`, name: `User ${i}`, email_verified: true, created_at: "2026-01-01T00:00:00.000Z", identities: [{ provider: "auth0", user_id: String(i), connection: "Username-Password-Authentication", isSocial: false }] });
const single = JSON.stringify(user(1));
const counts = { token: 0, list: 0, get: 0 };

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/oauth/token") {
    counts.token += 1;
    // A little latency, so concurrent first calls really overlap.
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: "bench-token", token_type: "Bearer", expires_in: 86400 })), 20);
    return;
  }
  if (url.pathname === "/stats") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(counts));
  if (url.pathname === "/reset") {
    counts.token = counts.list = counts.get = 0;
    return void res.end("{}");
  }
  if (url.pathname === "/api/v2/users") {
    counts.list += 1;
    const page = Number(url.searchParams.get("page") ?? 0);
    const perPage = Number(url.searchParams.get("per_page") ?? 50);
    const start = page * perPage;
    const users = [];
    for (let i = start; i < Math.min(start + perPage, total); i++) users.push(user(i));
    const body = url.searchParams.get("include_totals") === "false" ? users : { start, limit: perPage, length: users.length, total, users };
    return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  }
  if (url.pathname.startsWith("/api/v2/roles/") && url.pathname.endsWith("/users")) {
    counts.list += 1;
    const from = Number(url.searchParams.get("from") ?? 0);
    const take = Number(url.searchParams.get("take") ?? 50);
    const users = [];
    for (let i = from; i < Math.min(from + take, total); i++) users.push(user(i));
    const next = from + take < total ? String(from + take) : undefined;
    return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(next ? { users, next } : { users }));
  }
  counts.get += 1;
  res.writeHead(200, { "content-type": "application/json", "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "999", "x-ratelimit-reset": "0" }).end(single);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("disconnect", () => process.exit(0));
