import { describe, expect, it } from "vitest";
import { managementFetcher, readJson, sleep, tenantForTest } from "./support.js";

describe("rate limiting", () => {
  it("puts x-ratelimit headers on every Management API response", async () => {
    const tenant = await tenantForTest();
    const call = managementFetcher(tenant, await tenant.managementToken());
    const ok = await call("/users");
    expect(ok.headers.get("x-ratelimit-limit")).toBe("1000");
    expect(ok.headers.get("x-ratelimit-remaining")).toBe("999");
    expect(Number(ok.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    // The bucket refills at 500/s between requests, so "remaining" is only bounded here.
    const notFound = await call("/users/auth0%7Cnope");
    expect(notFound.status).toBe(404);
    expect(Number(notFound.headers.get("x-ratelimit-remaining"))).toBeLessThanOrEqual(999);
    const unauthenticated = await fetch(`${tenant.managementApiUrl}/users`);
    expect(unauthenticated.headers.get("x-ratelimit-limit")).toBe("1000");
    const discovery = await fetch(`${tenant.domain}/.well-known/openid-configuration`);
    expect(discovery.headers.get("x-ratelimit-limit")).toBe("1000");
  });

  it("answers 429 with retry-after and reset headers once a burst of 10 is spent", async () => {
    // One token every 5 s: the 25 requests would have to take that long for an 11th to get through, on any machine.
    const tenant = await tenantForTest({ rateLimit: { burst: 10, perSecond: 0.2 } });
    const call = managementFetcher(tenant, await tenant.managementToken());
    const responses = await Promise.all(Array.from({ length: 25 }, () => call("/users")));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(11);
    const limited = responses.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(14);

    const first = limited[0];
    if (!first) throw new Error("no 429");
    expect(await readJson(first)).toEqual({
      statusCode: 429,
      error: "Too Many Requests",
      message: "Global limit has been reached",
      errorCode: "too_many_requests",
    });
    expect(first.headers.get("x-ratelimit-limit")).toBe("10");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("0");
    const retryAfter = Number(first.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(5);
    // When the next token comes: after the answer, and no later than retry-after from now.
    const reset = Number(first.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + retryAfter);
    expect(tenant.stats().rateLimited).toBe(limited.length);
  });

  it("refills at the configured rate", async () => {
    const tenant = await tenantForTest({ rateLimit: { burst: 2, perSecond: 10 } });
    const call = managementFetcher(tenant, await tenant.managementToken());
    await Promise.all([call("/users"), call("/users")]);
    expect((await call("/users")).status).toBe(429);
    await sleep(150);
    expect((await call("/users")).status).toBe(200);
  });

  it("can be reconfigured at run time and is refilled by reset()", async () => {
    const tenant = await tenantForTest();
    tenant.setRateLimit({ burst: 1, perSecond: 0.001 });
    expect(tenant.rateLimit).toEqual({ burst: 1, perSecond: 0.001 });
    const call = managementFetcher(tenant, await tenant.managementToken());
    expect((await call("/users")).status).toBe(200);
    expect((await call("/users")).status).toBe(429);
    tenant.reset();
    expect((await call("/users")).status).toBe(200);
  });
});
