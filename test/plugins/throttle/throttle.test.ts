import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManagementClient } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";

let tenant: MockTenant;
beforeAll(async () => void (tenant = await startMockTenant()));
afterAll(() => tenant.close());

async function burst(client: ManagementClient, creates: number, workers: number) {
  await client.roles.list(); // token first
  tenant.setRateLimit({ burst: 3, perSecond: 20 });
  tenant.clearRequests();
  let next = 0;
  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < creates) {
        const i = next++;
        await client.users
          .create({ connection: "Username-Password-Authentication", email: `t${Date.now()}-${i}@example.com`, password: "Throttle-Passw0rd!" })
          .catch((error: unknown) => void failures.push(error));
      }
    }),
  );
  return { failures, stats: tenant.stats() };
}

describe("the throttle (default preset)", () => {
  it("is in the Management client's chain, inside retry and above timeout", () => {
    const client = new ManagementClient({ domain: tenant.domain, token: "t" });
    expect(client.pipeline.names).toEqual(["auth", "customDomain", "retry", "throttle", "timeout", "logging", "rawResponse"]);
  });

  it("completes a burst against a tight limit with no failed call and few 429s, with default options", async () => {
    tenant.reset({ clearSeed: true });
    const client = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret });
    const { failures, stats } = await burst(client, 30, 6);
    expect(failures).toEqual([]);
    expect(stats.managementRequests - stats.rateLimited).toBe(30);
    expect(stats.rateLimited).toBeLessThan(10);
  });

  it("leaves a 429 to the retry link: with maxRetries 0 the caller gets it at once, after one request", async () => {
    tenant.reset({ clearSeed: true });
    const client = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, maxRetries: 0 });
    await client.roles.list();
    tenant.faults.inject({ match: { path: "/api/v2/roles" }, fault: { kind: "status", status: 429 } });
    tenant.clearRequests();
    await expect(client.roles.list()).rejects.toMatchObject({ name: "TooManyRequestsError" });
    expect(tenant.requests).toHaveLength(1);
  });

  it("can be switched off (throttle: false), and then the same burst loses calls", async () => {
    tenant.reset({ clearSeed: true });
    const client = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, maxRetries: 0, throttle: false });
    expect(client.pipeline.names).not.toContain("throttle");
    const { failures } = await burst(client, 30, 6);
    expect(failures.length).toBeGreaterThan(0);
  });

  it("gives up a queued request at once when the caller aborts", async () => {
    tenant.reset({ clearSeed: true });
    tenant.setRateLimit({ burst: 1, perSecond: 0.2 });
    const client = new ManagementClient({ domain: tenant.domain, token: await tenant.managementToken() });
    await client.roles.list(); // empties the bucket; the throttle now knows
    const controller = new AbortController();
    const queued = client.roles.list({}, { abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(queued).rejects.toMatchObject({ name: "AbortError" });
    tenant.setRateLimit({ burst: 1000, perSecond: 500 });
  });
});
