// 150 user creates from 15 concurrent workers against a tenant limit of burst 10 / 5 per second: how long, how many
// requests, how many 429s, how many failed calls — with the default preset (throttle) and without it, and for
// auth0@5.14.1's client when given (it only calls https://{domain}: bench/https-loopback.mjs routes that to the tenant).
import { ManagementClient as OurManagementClient } from "auth0";
import { startMockTenant } from "auth0/testing";
import { routeHttpsLoopbackToHttp } from "./https-loopback.mjs";

export async function measureRateLimitedBurst({ creates = 150, workers = 15, burst = 10, perSecond = 5, throttle = true, ManagementClient = OurManagementClient } = {}) {
  await routeHttpsLoopbackToHttp();
  const tenant = await startMockTenant({ rateLimit: { burst, perSecond } });
  try {
    const ours = ManagementClient === OurManagementClient;
    const client = new ManagementClient({
      domain: ours ? tenant.domain : `127.0.0.1:${tenant.port}`,
      clientId: tenant.clientId,
      clientSecret: tenant.clientSecret,
      ...(ours && !throttle ? { throttle: false } : {}),
    });
    await client.roles.list(); // the token and a first look at the bucket, outside the measurement
    tenant.setRateLimit({ burst, perSecond }); // a full bucket for the measured run
    tenant.clearRequests();
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < creates) {
          const i = next++;
          await client.users
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

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const throttle of [true, false]) console.log(throttle ? "with throttle" : "without throttle", await measureRateLimitedBurst({ throttle }));
}
