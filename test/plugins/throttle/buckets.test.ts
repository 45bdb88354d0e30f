import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiBucket, AuthenticationClient, ManagementClient, throttle, throttlePlugin, type PipelineRequest } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { fakeRequest, fakeResponse } from "../../helpers/pipeline-fakes.js";
import { countRequestsOnTheWire, VirtualClock } from "../../helpers/virtual-clock.js";

/** Auth0 limits the Authentication API apart from the Management API: the throttle keeps a bucket for each. */

const request = (url: string): PipelineRequest => fakeRequest({ url, method: url.includes("/oauth/") ? "POST" : "GET" });
const answer = fakeResponse;

describe("the throttle's buckets", () => {
  it("puts the Management API (/api/v2/…) in one bucket and everything else — the token endpoint too — in another", () => {
    expect(apiBucket(request("https://t.example/api/v2/users"))).toBe("management");
    expect(apiBucket(request("https://t.example/oauth/token"))).toBe("authentication");
    expect(apiBucket(request("https://mtls.t.example/oauth/token"))).toBe("authentication");
    expect(apiBucket(request("https://t.example/userinfo"))).toBe("authentication");
  });

  it("a 429 from the Management API holds Management calls, not a token request; and the other way round", async () => {
    for (const [refused, other] of [
      ["https://t.example/api/v2/users", "https://t.example/oauth/token"],
      ["https://t.example/oauth/token", "https://t.example/api/v2/users"],
    ] as const) {
      const clock = new VirtualClock();
      const link = throttle({ clock });
      const sent: string[] = [];
      const next = async (sentRequest: PipelineRequest) => {
        sent.push(sentRequest.url.pathname);
        return sent.length === 1 ? answer(429, { "retry-after": "30" }) : answer(200);
      };
      await link(request(refused), next);
      const held = link(request(refused), next);
      await clock.run(link(request(other), next)); // not held: no fake time passes
      expect(clock.now() - Date.UTC(2030, 0, 1, 12, 0, 0, 250)).toBe(0);
      expect(sent).toEqual([new URL(refused).pathname, new URL(other).pathname]);
      await clock.run(held);
      expect(clock.now() - Date.UTC(2030, 0, 1, 12, 0, 0, 250)).toBe(30_000);
    }
  });

  it("takes a custom bucket function", async () => {
    const clock = new VirtualClock();
    const link = throttle({ clock, bucket: (r) => (r.url.pathname.startsWith("/api/v2/jobs") ? "jobs" : apiBucket(r)) });
    const next = async (r: PipelineRequest) => (r.url.pathname.startsWith("/api/v2/jobs") ? answer(429, { "retry-after": "5" }) : answer(200));
    await link(request("https://t.example/api/v2/jobs/1"), next);
    await clock.run(link(request("https://t.example/api/v2/users"), next));
    expect(clock.now() - Date.UTC(2030, 0, 1, 12, 0, 0, 250)).toBe(0);
    expect(() => throttle({ bucket: "jobs" as unknown as () => string })).toThrow(/throttle.bucket/);
  });
});

describe("the Management client's token requests (mock tenant on loopback, fake time)", () => {
  const clock = new VirtualClock();
  let tenant: MockTenant;
  beforeAll(async () => {
    tenant = await startMockTenant({ clock: clock.now, authenticationRateLimit: { burst: 1, perSecond: 0.01 } });
  });
  afterAll(() => tenant.close());

  it("draw from the Authentication API's bucket: a token answer saying it is empty holds no Management call", async () => {
    const client = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, throttle: { clock } });
    const busy = countRequestsOnTheWire(client.pipeline);
    const started = clock.now();
    const calls = Promise.all(Array.from({ length: 20 }, () => client.roles.list()));
    await clock.run(calls, busy);
    expect(clock.now() - started).toBe(0);
    const token = tenant.requests.find((entry) => entry.path === "/oauth/token");
    expect(token?.responseHeaders["x-ratelimit-remaining"]).toBe("0"); // the token endpoint's bucket is empty
    expect(tenant.requests.filter((entry) => entry.path === "/api/v2/roles" && entry.status === 200)).toHaveLength(20);
  });
});

describe("the AuthenticationClient", () => {
  const clock = new VirtualClock();
  let tenant: MockTenant;
  beforeAll(async () => void (tenant = await startMockTenant({ clock: clock.now, authenticationRateLimit: { burst: 2, perSecond: 1 } })));
  afterAll(() => tenant.close());

  it("has no throttle by default (Auth0 limits many of its endpoints per user or per IP) and takes one as a plugin", async () => {
    const credentials = { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret };
    const grant = (client: AuthenticationClient) => client.oauth.clientCredentialsGrant({ audience: tenant.managementAudience });
    // Without it (and v5's default of no retries), a burst beyond the limit fails.
    const plain = new AuthenticationClient(credentials);
    expect(plain.pipeline.names).not.toContain("throttle");
    const unthrottled = await Promise.allSettled(Array.from({ length: 6 }, () => grant(plain)));
    expect(unthrottled.filter((result) => result.status === "rejected").length).toBeGreaterThan(0);
    // With it, the same burst waits its turn, on the Authentication API's own bucket.
    tenant.reset();
    tenant.clearRequests();
    const throttled = new AuthenticationClient({ ...credentials, plugins: [throttlePlugin({ clock })] });
    expect(throttled.pipeline.names).toContain("throttle");
    const busy = countRequestsOnTheWire(throttled.pipeline);
    const grants = await clock.run(Promise.all(Array.from({ length: 6 }, () => grant(throttled))), busy);
    expect(grants.every((result) => typeof result.data.access_token === "string")).toBe(true);
    expect(tenant.stats().rateLimited).toBe(0);
  });
});
