import nock from "nock";
import { AuthenticationClient } from "../../src/auth/authentication-client.js";
import type { AuthenticationClientOptions } from "../../src/auth/client-options.js";

export const DOMAIN = "tenant.example.com";
export const ORIGIN = `https://${DOMAIN}`;
export const MTLS_ORIGIN = `https://mtls.${DOMAIN}`;
export const CLIENT_ID = "client-id";
export const CLIENT_SECRET = "client-secret-value";

/** One request as it reached the wire. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The raw body text. */
  body: string;
}

/**
 * Answer `method path` on `origin` with `status`/`body` (`times` times) and record each request as sent: the raw body
 * text, so tests can check the encoding and the key order.
 */
export function intercept(
  method: string,
  path: string,
  reply: { status?: number; body?: unknown; headers?: Record<string, string>; times?: number } = {},
  origin = ORIGIN,
): { seen: SeenRequest[]; scope: nock.Scope } {
  const seen: SeenRequest[] = [];
  const scope = nock(origin)
    .intercept(path, method)
    .times(reply.times ?? 1)
    .reply(reply.status ?? 200, (typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {})) as string, {
      "content-type": "application/json",
      ...reply.headers,
    });
  scope.on("request", (request: { method: string; path: string; headers: Record<string, string> }, _interceptor: unknown, body: string) => {
    seen.push({ method: request.method, path: request.path, headers: { ...request.headers }, body });
  });
  return { seen, scope };
}

/** The keys of a form body, in wire order. */
export function formKeys(body: string): string[] {
  return [...new URLSearchParams(body).keys()];
}

export function form(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** The keys of a JSON body, in wire order. */
export function jsonKeys(body: string): string[] {
  return Object.keys(JSON.parse(body) as object);
}

export function authClient(options: Partial<AuthenticationClientOptions> = {}): AuthenticationClient {
  return new AuthenticationClient({ domain: DOMAIN, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...options });
}

/** The rejection of `promise`, which must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}
