import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { ManagementClient, retry, type CoreClient, type Logger } from "auth0";
import { startMockTenant, type MockTenant, type MockTenantOptions } from "auth0/testing";

/**
 * Shared pieces of the hardening suite: one mock tenant per file, an explicit unhandled-rejection counter, settle
 * accounting for "no call is lost silently", and a retry link whose waits are recorded instead of spent.
 */

/**
 * Counts `unhandledRejection` events for the whole file and fails the file when there was any. (vitest fails the run
 * on them too; the explicit counter makes the promise part of this suite's own assertions.)
 */
export function countUnhandledRejections(): { readonly count: () => number; readonly reasons: unknown[] } {
  const reasons: unknown[] = [];
  const listener = (reason: unknown): void => void reasons.push(reason);
  beforeAll(() => void process.on("unhandledRejection", listener));
  afterAll(async () => {
    // A rejection nobody handles is reported after the microtask queue drains: give it a turn before counting.
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.off("unhandledRejection", listener);
    expect(reasons, "unhandled rejections").toEqual([]);
  });
  return { count: () => reasons.length, reasons };
}

/** One tenant for the file, reset (seeds dropped, faults cleared) before each test. */
export function useTenant(options?: MockTenantOptions): () => MockTenant {
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

/**
 * Replace a client's `retry` link by one that records its waits and does not spend them (a real socket still carries
 * every attempt). The waits stay abortable, as the real ones are.
 */
export function recordRetryWaits(client: CoreClient): number[] {
  const waits: number[] = [];
  client.pipeline.replace(
    "retry",
    retry({
      hooks: client.lifecycle,
      sleep: async (ms, signal) => {
        waits.push(ms);
        if (signal?.aborted) throw signal.reason;
      },
    }),
  );
  return waits;
}

/** A Management client on the tenant's default application (client credentials), retry waits recorded. */
export function managementFor(
  tenant: MockTenant,
  options: Partial<ConstructorParameters<typeof ManagementClient>[0]> = {},
): { client: ManagementClient; waits: number[] } {
  const client = new ManagementClient({ domain: tenant.domain, clientId: tenant.clientId, clientSecret: tenant.clientSecret, ...options } as ConstructorParameters<
    typeof ManagementClient
  >[0]);
  return { client, waits: recordRetryWaits(client) };
}

/**
 * Settle every promise and account for each one: the number of fulfilled plus rejected results must equal the number
 * of calls made, so no call can vanish without a result or an error.
 */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<{ fulfilled: T[]; rejected: unknown[] }> {
  const results = await Promise.allSettled(promises);
  const fulfilled: T[] = [];
  const rejected: unknown[] = [];
  for (const result of results) {
    if (result.status === "fulfilled") fulfilled.push(result.value);
    else rejected.push(result.reason);
  }
  expect(fulfilled.length + rejected.length).toBe(promises.length);
  return { fulfilled, rejected };
}

/** Requests the tenant received for a method and a path (a string is a prefix, as in fault matching). */
export function received(tenant: MockTenant, method: string, path: string | RegExp): number {
  return tenant.requests.filter(
    (entry) => entry.method === method && (typeof path === "string" ? entry.path.startsWith(path) : path.test(entry.path)),
  ).length;
}

/** A console-like logger that keeps every line. */
export function capturingLogger(): { lines: Array<{ level: string; message: string; details?: unknown }>; logger: Logger } {
  const lines: Array<{ level: string; message: string; details?: unknown }> = [];
  const at =
    (level: string) =>
    (message: string, ...details: unknown[]): void =>
      void lines.push({ level, message, ...(details.length > 0 ? { details: details.length === 1 ? details[0] : details } : {}) });
  return { lines, logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } };
}

export const NEW_USER = { connection: "Username-Password-Authentication", password: "Passw0rd!long" } as const;
