import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { startMockTenant, type MockTenant, type MockTenantOptions } from "../../src/testing/index.js";

/** Plain JSON value as read from a response: tests narrow it with `expect`. */
export type Json = Record<string, unknown>;

const running = new Set<MockTenant>();

afterEach(async () => {
  await Promise.all([...running].map((tenant) => tenant.close()));
  running.clear();
});

/**
 * One tenant for a whole file, reset to a fresh state (seeds dropped) before each test. Starting a tenant costs an RSA
 * key generation, so suites share one.
 */
export function useSharedTenant(options?: MockTenantOptions): () => MockTenant {
  let tenant: MockTenant | undefined;
  beforeAll(async () => {
    tenant = await startMockTenant(options);
  });
  beforeEach(() => tenant?.reset({ clearSeed: true }));
  afterAll(async () => {
    await tenant?.close();
  });
  return () => {
    if (!tenant) throw new Error("tenant not started");
    return tenant;
  };
}

/** A tenant of its own, closed automatically after the test. */
export async function tenantForTest(options?: MockTenantOptions): Promise<MockTenant> {
  const tenant = await startMockTenant(options);
  running.add(tenant);
  return tenant;
}

export function form(values: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(values),
  };
}

export function jsonBody(method: string, value: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(value) };
}

export function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export async function readJson(response: Response): Promise<Json> {
  const value: unknown = await response.json();
  if (!isJson(value)) throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`);
  return value;
}

export async function readArray(response: Response): Promise<Json[]> {
  const value: unknown = await response.json();
  if (!Array.isArray(value) || !value.every(isJson))
    throw new Error(`expected an array of objects, got ${JSON.stringify(value)}`);
  return value;
}

/** A nested array of objects, e.g. `users` of a paged response. */
export function arrayField(body: Json, name: string): Json[] {
  const value = body[name];
  if (!Array.isArray(value) || !value.every(isJson)) throw new Error(`expected ${name} to be an array of objects`);
  return value;
}

/** A Management API token obtained the way the SDK does: client credentials over HTTP. */
export async function clientCredentialsToken(
  tenant: MockTenant,
  credentials: { clientId: string; clientSecret: string } = tenant,
  scope?: string,
): Promise<string> {
  const response = await fetch(
    `${tenant.domain}/oauth/token`,
    form({
      grant_type: "client_credentials",
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      audience: tenant.managementAudience,
      ...(scope !== undefined ? { scope } : {}),
    }),
  );
  const body = await readJson(response);
  if (response.status !== 200 || typeof body["access_token"] !== "string") {
    throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return body["access_token"];
}

/** `fetch` against the tenant's Management API with a bearer token. */
export function managementFetcher(tenant: MockTenant, token: string) {
  return (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    return fetch(`${tenant.managementApiUrl}${path}`, { ...init, headers });
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
