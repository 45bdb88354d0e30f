import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationClient, ManagementClient } from "auth0";
import { startMockTenant, type MockTenant } from "auth0/testing";
import { openTelemetry } from "auth0/plugins/otel";
import { memoryTracing, plain } from "./support.js";

let tenant: MockTenant;
beforeAll(async () => void (tenant = await startMockTenant()));
afterAll(() => tenant.close());

describe(`"No secret appears in a log line, an error, an error message, a hook payload or a span": what the spans record`, () => {
  it("never holds a credential or a searched value: no client secret, bearer, password, access, refresh or ID token, or email in any name, attribute, event or status", async () => {
    const password = "Sup3r-Secret-Passw0rd!";
    tenant.seed({ users: [{ email: "rita@example.com", password }] });
    const tracing = memoryTracing();
    const plugins = [openTelemetry({ tracer: tracing.tracer })];
    const credentials = { domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, plugins };

    const auth = new AuthenticationClient(credentials);
    const { data: login } = await auth.oauth.passwordGrant({ username: "rita@example.com", password, scope: "openid offline_access" });
    const { data: refreshed } = await auth.oauth.refreshTokenGrant({ refresh_token: login.refresh_token! });
    await auth.oauth.revokeRefreshToken({ token: refreshed.refresh_token ?? login.refresh_token! }).catch(() => undefined);

    const management = new ManagementClient({ ...credentials, maxRetries: 1 });
    tenant.faults.inject({ match: { method: "GET", path: "/api/v2/users" }, fault: { kind: "status", status: 503, headers: { "retry-after": "0.01" } } });
    await management.users.list({ q: `email:"rita@example.com"` });
    await management.users.listUsersByEmail({ email: "rita@example.com" });
    await management.users.get("nobody").catch(() => undefined);

    const bearer = tenant.requests.find((request) => request.path.startsWith("/api/v2/"))!.headers.authorization!.replace(/^Bearer /, "");
    const secrets = {
      clientSecret: tenant.clientSecret,
      bearer,
      password,
      accessToken: login.access_token,
      refreshToken: login.refresh_token!,
      rotatedRefreshToken: refreshed.refresh_token ?? login.refresh_token!,
      idToken: login.id_token!,
      email: "rita@example.com",
    };
    const spans = tracing.exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThanOrEqual(8);
    expect(spans.some((span) => span.events.length > 0)).toBe(true);
    const exported = JSON.stringify(spans.map(plain));
    for (const [name, value] of Object.entries(secrets)) {
      expect(value, name).toBeTruthy();
      expect(exported.includes(value), `${name} appears in a span`).toBe(false);
      expect(exported.includes(encodeURIComponent(value)), `${name} (URL-encoded) appears in a span`).toBe(false);
    }
  });
});
