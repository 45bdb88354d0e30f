import axios from "axios";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationClient } from "../../src/auth/authentication-client.js";
import { RedirectError } from "../../src/core/errors.js";
import { resetUrlProbe } from "../../src/core/url.js";
import { ManagementClient } from "../../src/management/management-client.js";
import { axiosFetcher } from "../../plugins/axios/index.js";
import { undiciFetcher } from "../../plugins/undici/index.js";
import { ManagementClient as LegacyManagementClient } from "../../plugins/legacy/index.js";
import { startLoopbackServer } from "../helpers/loopback-server.js";

type Server = Awaited<ReturnType<typeof startLoopbackServer>>;

// Two loopback servers: the tenant, and another origin (127.0.0.1 on another port) it redirects to. The other origin
// records what it receives: whatever the status and the API, it must receive nothing.
let tenant: Server;
let elsewhere: Server;
beforeAll(async () => {
  [tenant, elsewhere] = await Promise.all([startLoopbackServer(), startLoopbackServer()]);
  elsewhere.handle((_request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ access_token: "stolen", expires_in: 60 }));
  });
});
afterAll(async () => {
  await Promise.all([tenant.close(), elsewhere.close()]);
});
afterEach(() => {
  tenant.requests.length = 0;
  elsewhere.requests.length = 0;
});

const SECRET = "client-secret-never-elsewhere";
const STATUSES = [301, 302, 303, 307, 308] as const;

/** The tenant answers every request with `status` to the same path on the other origin. */
function redirectEverythingTo(status: number): void {
  tenant.handle((request, response) => {
    response.writeHead(status, { location: `${elsewhere.domain}${request.url}` });
    response.end();
  });
}

const transports = {
  "the default transport (ky over fetch)": {},
  "the axios plugin": { plugins: [axiosFetcher(axios.create())] },
  "the undici plugin": { plugins: [undiciFetcher()] },
};

describe.each(STATUSES)(`"Credentials go only to the tenant's origin", "Redirects are followed within the request's origin only": a %i from the tenant to another origin`, (status) => {
  describe.each(Object.entries(transports))("through %s", (_name, transport) => {
    it("is refused for the client-credentials token request: the other origin never sees the secret", async () => {
      redirectEverythingTo(status);
      const management = new ManagementClient({ domain: tenant.domain, clientId: "cid", clientSecret: SECRET, maxRetries: 0, ...transport });
      const error = await management.users.list().catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(RedirectError);
      expect((error as RedirectError).message).toContain(`to another origin, ${elsewhere.domain}`);
      expect((error as RedirectError).message).not.toContain(SECRET);
      expect(tenant.requests.map((request) => `${request.method} ${request.url}`)).toEqual(["POST /oauth/token"]);
      expect(elsewhere.requests).toEqual([]);
    });

    it("is refused for an Authentication API grant", async () => {
      redirectEverythingTo(status);
      const auth = new AuthenticationClient({ domain: tenant.domain, clientId: "cid", clientSecret: SECRET, ...transport });
      await expect(auth.oauth.passwordGrant({ username: "u", password: "p" })).rejects.toBeInstanceOf(RedirectError);
      await expect(auth.database.signUp({ email: "e@example.com", password: "p", connection: "c" })).rejects.toBeInstanceOf(RedirectError);
      expect(elsewhere.requests).toEqual([]);
    });

    it("is refused for a Management API call: the bearer token stays with the tenant", async () => {
      redirectEverythingTo(status);
      const management = new ManagementClient({ domain: tenant.domain, token: "bearer-never-elsewhere", maxRetries: 0, ...transport });
      await expect(management.roles.create({ name: "r" })).rejects.toBeInstanceOf(RedirectError);
      await expect(management.users.get("u1")).rejects.toBeInstanceOf(RedirectError);
      await expect(management.fetch("/users")).rejects.toBeInstanceOf(RedirectError);
      expect(elsewhere.requests).toEqual([]);
    });
  });
});

describe.each(Object.entries(transports))("redirects within the tenant's origin, through %s", (_name, transport) => {
  function redirectOnce(status: number): void {
    tenant.handle((request, response, body) => {
      if (!request.url!.startsWith("/moved")) {
        response.writeHead(status, { location: `/moved${request.url}` });
        return void response.end();
      }
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ method: request.method, url: request.url, body, authorization: request.headers.authorization ?? null }));
    });
  }

  it.each([307, 308])("are followed: %i repeats the method, the body and the token", async (status) => {
    redirectOnce(status);
    const management = new ManagementClient({ domain: tenant.domain, token: "t", maxRetries: 0, ...transport });
    const { data, rawResponse } = await management.roles.create({ name: "r" }).withRawResponse();
    expect(data).toMatchObject({ method: "POST", url: "/moved/api/v2/roles", body: '{"name":"r"}', authorization: "Bearer t" });
    expect(rawResponse.redirected).toBe(true);
    expect(rawResponse.url).toBe(`${tenant.domain}/moved/api/v2/roles`);
  });

  it.each([301, 302, 303])("are followed: %i after a POST continues as a GET without the body", async (status) => {
    redirectOnce(status);
    const management = new ManagementClient({ domain: tenant.domain, token: "t", maxRetries: 0, ...transport });
    const data = await management.roles.create({ name: "r" });
    expect(data).toMatchObject({ method: "GET", url: "/moved/api/v2/roles", body: "" });
    expect(tenant.requests[1]!.headers["content-type"]).toBeUndefined();
  });

  it("are followed, and refused elsewhere, with the URL stand-in too (React Native)", async () => {
    resetUrlProbe(false);
    try {
      redirectOnce(307);
      const management = new ManagementClient({ domain: tenant.domain, token: "t", maxRetries: 0 });
      expect(await management.roles.create({ name: "r" })).toMatchObject({ method: "POST", url: "/moved/api/v2/roles" });
      redirectEverythingTo(302);
      await expect(management.users.get("u1")).rejects.toBeInstanceOf(RedirectError);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      resetUrlProbe();
    }
  });

  it("end after 20 hops with RedirectError", async () => {
    tenant.handle((request, response) => {
      response.writeHead(302, { location: `${request.url}x` });
      response.end();
    });
    const management = new ManagementClient({ domain: tenant.domain, token: "t", maxRetries: 0, ...transport });
    await expect(management.users.list()).rejects.toThrow(/redirected more than 20 times/);
    expect(tenant.requests).toHaveLength(21);
  });
});

describe("transports other than the default", () => {
  it("the AuthenticationClient's fetch option is called with redirect: manual, so the rule applies", async () => {
    redirectEverythingTo(307);
    const inits: RequestInit[] = [];
    const auth = new AuthenticationClient({
      domain: tenant.domain,
      clientId: "cid",
      clientSecret: SECRET,
      fetch: (url, init) => (inits.push(init), globalThis.fetch(url, init)),
    });
    await expect(auth.oauth.clientCredentialsGrant({ audience: "a" })).rejects.toBeInstanceOf(RedirectError);
    expect(inits[0]!.redirect).toBe("manual");
    expect(elsewhere.requests).toEqual([]);
  });

  it("the legacy (v4) client follows the same rule", async () => {
    redirectEverythingTo(307);
    const legacy = new LegacyManagementClient({ domain: tenant.domain, clientId: "cid", clientSecret: SECRET });
    await expect(legacy.users.getAll()).rejects.toThrow(/another origin/);
    expect(elsewhere.requests).toEqual([]);
  });

  it("a custom fetcher that followed a redirect elsewhere itself: its answer is refused", async () => {
    redirectEverythingTo(302);
    const management = new ManagementClient({
      domain: tenant.domain,
      token: "t",
      maxRetries: 0,
      fetcher: async (args) => {
        const response = await globalThis.fetch(args.url, { method: args.method });
        return { ok: true, body: await response.json(), headers: {}, rawResponse: response };
      },
    });
    await expect(management.users.get("u1")).rejects.toBeInstanceOf(RedirectError);
  });

  it("a fetch that followed a redirect elsewhere and does not say so (React Native's whatwg-fetch): refused", async () => {
    const response = { status: 200, statusText: "OK", headers: new Headers(), url: "https://elsewhere.example/u1", type: "default", text: async () => "{}" };
    const management = new ManagementClient({ domain: tenant.domain, token: "t", maxRetries: 0 });
    const realFetch = globalThis.fetch;
    globalThis.fetch = async () => response as unknown as Response;
    try {
      await expect(management.users.get("u1")).rejects.toThrow(/another origin, https:\/\/elsewhere\.example/);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
