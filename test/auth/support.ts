import nock from "nock";
import { afterAll, afterEach, beforeAll, describe } from "vitest";
import { AuthenticationClient } from "../../src/auth/authentication-client.js";
import type { AuthenticationClientOptions } from "../../src/auth/client-options.js";
import { undiciFetcher } from "../../plugins/undici/index.js";
import { startRecordingOrigin, type WireRequest } from "../helpers/recording-origin.js";

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

type InterceptReply = { status?: number; body?: unknown; headers?: Record<string, string>; times?: number };

/** What `intercept` gives back: the requests seen, and a check that every expected one came. */
export interface Interception {
  seen: SeenRequest[];
  scope: { done(): void; isDone(): boolean };
}

/**
 * The transport the tests of a file run over (see `overEachTransport`): the default one (fetch) against nock, or
 * `auth0/plugins/undici` against a loopback server that answers for every origin — nock does not see undici.
 */
let loopback: Awaited<ReturnType<typeof startRecordingOrigin>> | undefined;
const routes: Array<{ host: string; method: string; path: string; left: number; reply: InterceptReply; seen: SeenRequest[] }> = [];

/**
 * Run `tests` once over each transport: the default one against nock, then `auth0/plugins/undici` (the loopback
 * server's dispatcher as the client's `agent`) — the same cases and expectations, so both send the same requests.
 */
export function overEachTransport(tests: () => void): void {
  describe("over the default transport (fetch)", () => {
    afterEach(() => void nock.cleanAll());
    tests();
  });
  describe("over auth0/plugins/undici", () => {
    beforeAll(async () => {
      loopback = await startRecordingOrigin();
      loopback.handle(answerFromRoutes);
    });
    afterAll(async () => {
      await loopback?.close();
      loopback = undefined;
    });
    afterEach(() => {
      routes.length = 0;
      nock.cleanAll();
    });
    tests();
  });
}

function answerFromRoutes(request: WireRequest) {
  const path = request.path;
  const route = routes.find((entry) => entry.left > 0 && entry.host === request.host && entry.method === request.method && entry.path === path);
  if (route === undefined) return { status: 501, body: { error: `no interceptor for ${request.method} ${request.host}${path}` }, headers: { "content-type": "application/json" } };
  route.left -= 1;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers[name] = value;
  route.seen.push({ method: request.method, path, headers, body: request.body });
  const body = typeof route.reply.body === "string" ? route.reply.body : JSON.stringify(route.reply.body ?? {});
  return { status: route.reply.status ?? 200, body, headers: { "content-type": "application/json", ...route.reply.headers } };
}

/**
 * Answer `method path` on `origin` with `status`/`body` (`times` times) and record each request as sent: the raw body
 * text, so tests can check the encoding and the key order.
 */
export function intercept(method: string, path: string, reply: InterceptReply = {}, origin = ORIGIN): Interception {
  const seen: SeenRequest[] = [];
  if (loopback !== undefined) {
    const route = { host: new URL(origin).host, method, path, left: reply.times ?? 1, reply, seen };
    routes.push(route);
    const isDone = () => route.left === 0;
    return {
      seen,
      scope: {
        isDone,
        done: () => {
          if (!isDone()) throw new Error(`${method} ${origin}${path}: ${route.left} expected request(s) never came`);
        },
      },
    };
  }
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
  const transport = loopback === undefined ? {} : { agent: loopback.dispatcher, plugins: [undiciFetcher()] };
  return new AuthenticationClient({ domain: DOMAIN, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...transport, ...options });
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
