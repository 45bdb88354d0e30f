// Requests to walk 10,000 users at per_page 100, and token requests for 200 concurrent first calls — counted by the
// loopback server (bench/server.mjs). `ManagementClient` is this package's by default, or auth0@5.14.1's (which
// only calls https://{domain}: bench/https-loopback.mjs routes that to the same server).
import { fork } from "node:child_process";
import { ManagementClient as OurManagementClient } from "auth0";
import { routeHttpsLoopbackToHttp } from "./https-loopback.mjs";

async function withServer(fn) {
  await routeHttpsLoopbackToHttp();
  const server = fork(new URL("./server.mjs", import.meta.url), { stdio: "inherit", env: { ...process.env, USERS: "10000" } });
  const port = await new Promise((resolve) => server.once("message", (m) => resolve(m.port)));
  const origin = `http://127.0.0.1:${port}`;
  const stats = () => fetch(`${origin}/stats`).then((r) => r.json());
  try {
    return await fn(origin, port, stats);
  } finally {
    server.kill();
  }
}

/** The domain each client takes for the loopback server: ours an explicit http origin, v5 a host it calls over https. */
const domainFor = (ManagementClient, origin, port) => (ManagementClient === OurManagementClient ? origin : `127.0.0.1:${port}`);

export function measureWalk(ManagementClient = OurManagementClient) {
  return withServer(async (origin, port, stats) => {
    const client = new ManagementClient({ domain: domainFor(ManagementClient, origin, port), token: "bench-token", throttle: false });
    let users = 0;
    for await (const _user of await client.users.list({ per_page: 100 })) users += 1;
    return { users, requests: (await stats()).list };
  });
}

export function measureTokenRequests(concurrency = 200, ManagementClient = OurManagementClient) {
  return withServer(async (origin, port, stats) => {
    const client = new ManagementClient({ domain: domainFor(ManagementClient, origin, port), clientId: "bench", clientSecret: "bench-secret", throttle: false });
    await Promise.all(Array.from({ length: concurrency }, (_, i) => client.users.get(`auth0|${i}`)));
    return { calls: concurrency, tokenRequests: (await stats()).token };
  });
}
