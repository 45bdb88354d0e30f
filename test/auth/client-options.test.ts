import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationClient } from "../../src/auth/authentication-client.js";
import { InvalidInputError } from "../../src/core/errors.js";
import type { PipelineMiddleware } from "../../src/core/pipeline.js";
import type { Plugin } from "../../src/core/plugin.js";
import type { CustomFetcher, CustomFetcherArgs } from "../../src/transport/custom-fetcher-types.js";
import { CLIENT_ID, DOMAIN, ORIGIN, authClient, intercept } from "./support.js";

afterEach(() => nock.cleanAll());

const telemetryOf = (header: string | undefined) => JSON.parse(Buffer.from(header!, "base64url").toString()) as Record<string, unknown>;

describe("constructor options", () => {
  it("sends the Auth0-Client telemetry header by default, a custom clientInfo, or none with telemetry: false", async () => {
    const { seen } = intercept("POST", "/oauth/token", { body: {}, times: 3 });
    await authClient().oauth.clientCredentialsGrant({ audience: "a" });
    await authClient({ clientInfo: { name: "my-app", version: "1.2.3" } }).oauth.clientCredentialsGrant({ audience: "a" });
    await authClient({ telemetry: false }).oauth.clientCredentialsGrant({ audience: "a" });
    expect(telemetryOf(seen[0]!.headers["auth0-client"])).toMatchObject({ name: "node-auth0", env: { node: process.versions.node } });
    expect(telemetryOf(seen[1]!.headers["auth0-client"])).toEqual({ name: "my-app", version: "1.2.3" });
    expect(seen[2]!.headers["auth0-client"]).toBeUndefined();
  });

  it("sends the constructor headers on every call; the method's headers win; undefined values are dropped", async () => {
    const { seen } = intercept("POST", "/dbconnections/signup", { body: {} });
    const client = authClient({ headers: { "x-app": "a", "Content-Type": "text/plain", "x-none": undefined } });
    await client.database.signUp({ email: "e", password: "p", connection: "c" });
    expect(seen[0]!.headers).toMatchObject({ "x-app": "a", "content-type": "application/json" });
    expect(seen[0]!.headers["x-none"]).toBeUndefined();
  });

  it("gives each attempt timeoutDuration ms, 10 s by default", async () => {
    const budgets: number[] = [];
    const spy: PipelineMiddleware = (request, next) => {
      budgets.push(request.timeoutMs);
      return next(request);
    };
    intercept("POST", "/oauth/token", { body: {}, times: 2 });
    await authClient({ middleware: [{ middleware: spy, before: "timeout" }] }).oauth.clientCredentialsGrant({ audience: "a" });
    await authClient({ timeoutDuration: 2500, middleware: [spy] }).oauth.clientCredentialsGrant({ audience: "a" });
    expect(budgets).toEqual([10_000, 2500]);
  });

  it("uses a custom fetch as the transport, under the whole chain, with the agent as dispatcher", async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const agent = { name: "my-agent" };
    const order: string[] = [];
    const client = authClient({
      agent,
      middleware: [async (request, next) => (order.push("middleware"), next(request))],
      fetch: async (url, init) => {
        order.push("fetch");
        calls.push({ url, init });
        return new Response('{"access_token":"at"}', { status: 200, headers: { "content-type": "application/json" } });
      },
    });
    const response = await client.oauth.clientCredentialsGrant({ audience: "a" });
    expect(response.data).toEqual({ access_token: "at" });
    expect(order).toEqual(["middleware", "fetch"]);
    expect(calls[0]!.url).toBe(`${ORIGIN}/oauth/token`);
    expect(calls[0]!.init).toMatchObject({ method: "POST", dispatcher: agent });
    expect(new Headers(calls[0]!.init.headers).get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
    expect(String(calls[0]!.init.body)).toContain("audience=a");
  });

  it("accepts the core's v5 custom fetcher contract too", async () => {
    const calls: CustomFetcherArgs[] = [];
    const fetcher: CustomFetcher = async (args) => {
      calls.push(args);
      const rawResponse = { headers: new Headers(), redirected: false, status: 200, statusText: "OK", type: "basic" as ResponseType, url: args.url };
      return { ok: true, body: { access_token: "from-fetcher" }, rawResponse };
    };
    const response = await authClient({ fetcher }).oauth.clientCredentialsGrant({ audience: "a" });
    expect(response.data).toEqual({ access_token: "from-fetcher" });
    expect(calls[0]).toMatchObject({ url: `${ORIGIN}/oauth/token`, method: "POST" });
  });

  it("applies plugins and reports to lifecycle hooks", async () => {
    intercept("POST", "/oauth/token", { body: {} });
    const seen: string[] = [];
    const plugin: Plugin = { name: "spy", setup: ({ pipeline }) => void pipeline.use(async (request, next) => (seen.push("plugin"), next(request))) };
    const client = authClient({ plugins: [plugin] });
    client.lifecycle.hook("request:start", ({ request }) => void seen.push(`start ${request.operation.path}`));
    client.lifecycle.hook("request:response", ({ response }) => void seen.push(`response ${response.status}`));
    await client.oauth.clientCredentialsGrant({ audience: "a" });
    expect(seen).toEqual(["start /oauth/token", "plugin", "response 200"]);
    expect(client.pipeline.names).toEqual(["middleware-1", "auth", "customDomain", "retry", "timeout", "logging", "rawResponse", "fetchInit"]);
  });

  it("refuses incomplete or wrong options with InvalidInputError", () => {
    const make = (options: object) => () => new AuthenticationClient(options as never);
    expect(make({ domain: DOMAIN })).toThrow(InvalidInputError);
    expect(make({ clientId: CLIENT_ID })).toThrow(/"domain" option is required/);
    expect(make({ domain: `https://${DOMAIN}`, clientId: CLIENT_ID })).toThrow(/without a scheme/);
    expect(make({ domain: DOMAIN, clientId: CLIENT_ID, idTokenSigningAlg: "ES256" })).toThrow(/must be "RS256" or "HS256"/);
    expect(make({ domain: DOMAIN, clientId: CLIENT_ID, clockTolerance: -1 })).toThrow(/clockTolerance/);
    expect(make({ domain: DOMAIN, clientId: CLIENT_ID, timeoutDuration: "10" })).toThrow(/timeoutDuration/);
    expect(make({ domain: DOMAIN, clientId: CLIENT_ID, fetch: "fetch" })).toThrow(/"fetch" must be a function/);
  });
});
