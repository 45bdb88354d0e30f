// 150 user creates from 15 concurrent workers on one client against a tenant limit of burst 10 / 5 per second, for
// each of the six ways a tenant may describe its limit (issue 13): how long, as a ratio to the least the limit allows
// ((150 − 10) / 5 = 28 s), how many requests, how many 429s, how many failed calls — with the default client, and,
// when auth0@5.14.1 is installed in .bench/v5 (the type-check row installs it), the same burst through v5.
// Real time on loopback; `node bench/rate-limit.mjs [a b …]` runs just these rows (on the built package).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { ManagementClient } from "auth0";
import { startMockTenant } from "auth0/testing";

export const BEHAVIOURS = [
  { key: "a", label: "reset = the second the bucket is full", limit: { reset: "bucket-full" } },
  { key: "b", label: "reset = the second the next token arrives", limit: { reset: "next-token" } },
  { key: "c", label: "reset = the end of a fixed window", limit: { reset: "window-end" } },
  { key: "d", label: "only retry-after, on a 429", limit: { headers: "retry-after" } },
  { key: "e", label: "only x-ratelimit-*, no retry-after", limit: { headers: "x-ratelimit" } },
  { key: "f", label: "a bare 429", limit: { headers: "none" } },
];

const V5_CLIENT = fileURLToPath(new URL("../.bench/v5/node_modules/auth0/dist/cjs/management/Client.js", import.meta.url));

/** auth0@5.14.1, if installed: its generated client (the same core and retries as its ManagementClient, which insists on https). */
export function v5Installed() {
  return existsSync(V5_CLIENT);
}

/** `client`: "default" (the default preset), "off" (throttle: false) or "v5". */
export async function measureRateLimitedBurst({ creates = 150, workers = 15, burst = 10, perSecond = 5, limit = {}, client = "default" } = {}) {
  const tenant = await startMockTenant({ rateLimit: { burst, perSecond, ...limit } });
  try {
    const management = await clientFor(client, tenant);
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < creates) {
          const i = next++;
          await management.users
            .create({ connection: "Username-Password-Authentication", email: `burst-${i}@example.com`, password: "Burst-Passw0rd!" })
            .catch(() => void (failed += 1));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const stats = tenant.stats();
    const minimum = Math.max(0, creates - burst) / perSecond;
    return { seconds, minimum, ratio: seconds / minimum, requests: stats.managementRequests, rateLimited: stats.rateLimited, failed };
  } finally {
    await tenant.close();
  }
}

async function clientFor(kind, tenant) {
  if (kind === "v5") {
    const { ManagementClient: V5Client } = createRequire(import.meta.url)(V5_CLIENT);
    return new V5Client({ baseUrl: `${tenant.domain}/api/v2`, token: await tenant.managementToken() });
  }
  const options = { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret };
  return new ManagementClient(kind === "off" ? { ...options, throttle: false } : options);
}

/** One row's figures, as the bench table shows them. A run with failed calls ends early: its time gets no ratio. */
export function describeBurst(result) {
  const time = `${result.seconds.toFixed(1)} s${result.failed === 0 ? ` = ${result.ratio.toFixed(2)}× min` : ""}`;
  return `${time}; ${result.requests} requests, ${result.rateLimited} 429s, ${result.failed} failed`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.slice(2);
  for (const behaviour of BEHAVIOURS.filter((b) => only.length === 0 || only.includes(b.key))) {
    console.log(`(${behaviour.key}) ${behaviour.label}: ${describeBurst(await measureRateLimitedBurst({ limit: behaviour.limit }))}`);
    if (v5Installed()) console.log(`    auth0@5.14.1: ${describeBurst(await measureRateLimitedBurst({ limit: behaviour.limit, client: "v5" }))}`);
  }
}
