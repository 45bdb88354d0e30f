// Requests to walk 10,000 users at per_page 100, and token requests for 200 concurrent first calls — counted by the
// loopback server (bench/server.mjs).
import { fork } from "node:child_process";
import { ManagementClient } from "auth0";

async function withServer(fn) {
  const server = fork(new URL("./server.mjs", import.meta.url), { stdio: "inherit", env: { ...process.env, USERS: "10000" } });
  const port = await new Promise((resolve) => server.once("message", (m) => resolve(m.port)));
  const origin = `http://127.0.0.1:${port}`;
  const stats = () => fetch(`${origin}/stats`).then((r) => r.json());
  try {
    return await fn(origin, stats);
  } finally {
    server.kill();
  }
}

export function measureWalk() {
  return withServer(async (origin, stats) => {
    const client = new ManagementClient({ domain: origin, token: "bench-token", throttle: false });
    let users = 0;
    for await (const _user of await client.users.list({ per_page: 100 })) users += 1;
    return { users, requests: (await stats()).list };
  });
}

export function measureTokenRequests(concurrency = 200) {
  return withServer(async (origin, stats) => {
    const client = new ManagementClient({ domain: origin, clientId: "bench", clientSecret: "bench-secret", throttle: false });
    await Promise.all(Array.from({ length: concurrency }, (_, i) => client.users.get(`auth0|${i}`)));
    return { calls: concurrency, tokenRequests: (await stats()).token };
  });
}
