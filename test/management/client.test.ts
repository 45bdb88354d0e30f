import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors.js";
import { CustomDomainHeader } from "../../src/core/request-options.js";
import { ManagementClient } from "../../src/management/management-client.js";
import { HttpResponseHeadersUtils } from "../../src/management/quota-headers.js";

const ORIGIN = "https://tenant.example.com";
afterEach(() => nock.cleanAll());
const client = (options = {}) => new ManagementClient({ domain: "tenant.example.com", token: "t", ...options });
const users = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ user_id: `u${from + i}` }));

describe("ManagementClient", () => {
  it("builds resources on first access only, and keeps them", () => {
    const management = client();
    expect(Object.getOwnPropertyNames(management)).not.toContain("users");
    const first = management.users;
    expect(management.users).toBe(first);
    expect(management.users.roles).toBe(management.users.roles);
    expect(Object.getOwnPropertyNames(management)).toContain("users");
  });

  it("takes positional path params then the request, like v5", async () => {
    const scope = nock(ORIGIN)
      .post("/api/v2/organizations/org_1/members/auth0%7Cu1/roles", { roles: ["rol_1"] })
      .reply(204)
      .get("/api/v2/users/auth0%7Cu1/roles?per_page=5&page=0&include_totals=true")
      .reply(200, { start: 0, limit: 5, total: 1, roles: [{ id: "rol_1" }] });
    const management = client();
    await management.organizations.members.roles.assign("org_1", "auth0|u1", { roles: ["rol_1"] });
    const page = await management.users.roles.list("auth0|u1", { per_page: 5 });
    expect(page.data).toEqual([{ id: "rol_1" }]);
    scope.done();
  });

  it("accepts the camelCase spelling of a wire name (users.list({ searchEngine }))", async () => {
    const scope = nock(ORIGIN).get("/api/v2/users?page=0&per_page=50&include_totals=true&search_engine=v3").reply(200, { start: 0, limit: 50, total: 0, users: [] });
    await client().users.list({ searchEngine: "v3" });
    scope.done();
  });

  it("refuses a request property the method does not know, naming it", async () => {
    await expect(client().users.list({ perpage: 10 } as never)).rejects.toThrow(InvalidInputError);
    await expect(client().users.get("u", { feilds: "x" } as never)).rejects.toThrow(/unknown request property "feilds"/);
  });

  it("walks 10 pages of an odd per_page with for await, one request per page and none after the total", async () => {
    const total = 95;
    let requests = 0;
    nock(ORIGIN)
      .get("/api/v2/users")
      .query(true)
      .times(10)
      .reply(function (uri) {
        requests += 1;
        const url = new URL(uri, ORIGIN);
        const page = Number(url.searchParams.get("page"));
        const perPage = Number(url.searchParams.get("per_page"));
        const start = page * perPage;
        return [200, { start, limit: perPage, length: Math.min(perPage, total - start), total, users: users(start, Math.min(perPage, total - start)) }];
      });
    let count = 0;
    for await (const _user of await client().users.list({ per_page: 10 })) count += 1;
    expect(count).toBe(95);
    expect(requests).toBe(10);
  });

  it("stops a user search at Auth0's 1,000-record limit instead of asking for a page it refuses", async () => {
    nock(ORIGIN)
      .get("/api/v2/users")
      .query((q) => q.q === "name:x*")
      .times(10)
      .reply(function (uri) {
        const page = Number(new URL(uri, ORIGIN).searchParams.get("page"));
        return [200, { start: page * 100, limit: 100, length: 100, total: 5000, users: users(page * 100, 100) }];
      });
    let count = 0;
    for await (const _user of await client().users.list({ q: "name:x*", per_page: 100 })) count += 1;
    expect(count).toBe(1000);
  });

  it("follows checkpoint pagination page by page", async () => {
    nock(ORIGIN)
      .get("/api/v2/organizations/org_1/members?take=2").reply(200, { members: users(0, 2), next: "n1" })
      .get("/api/v2/organizations/org_1/members?from=n1&take=2").reply(200, { members: users(2, 1) });
    const page = await client().organizations.members.list("org_1", { take: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.hasNextPage()).toBe(true);
    await page.getNextPage();
    expect(page.data).toEqual(users(2, 1));
    expect(page.hasNextPage()).toBe(false);
  });

  describe("custom domain", () => {
    it("adds Auth0-Custom-Domain to whitelisted endpoints only when withCustomDomainHeader is set", async () => {
      const headers: Record<string, unknown> = {};
      nock(ORIGIN)
        .post("/api/v2/tickets/password-change").reply(function () { headers.ticket = this.req.headers["auth0-custom-domain"]; return [201, { ticket: "x" }]; })
        .get("/api/v2/roles?per_page=50&page=0&include_totals=true").reply(function () { headers.roles = this.req.headers["auth0-custom-domain"]; return [200, { roles: [], total: 0, start: 0, limit: 50 }]; });
      const management = client({ withCustomDomainHeader: " login.example.com " });
      await management.tickets.changePassword({ user_id: "u" });
      await management.roles.list();
      expect(headers).toEqual({ ticket: "login.example.com", roles: undefined });
    });

    it("adds it to any single call with CustomDomainHeader()", async () => {
      const scope = nock(ORIGIN, { reqheaders: { "auth0-custom-domain": "id.example.com" } }).get("/api/v2/clients/c1").reply(200, {});
      await client().clients.get("c1", {}, CustomDomainHeader("id.example.com"));
      scope.done();
    });

    it("refuses an empty withCustomDomainHeader", () => {
      expect(() => client({ withCustomDomainHeader: "  " })).toThrow(/non-empty string/);
    });

    it.each([
      ["CR/LF", "login.example.com\r\nX-Injected: 1"],
      ["a bare LF", "login.example.com\nX-Injected: 1"],
      ["NUL", "login.example.com\u0000"],
      ["a character above U+00FF", "lögin.例え.com"],
    ])("refuses a withCustomDomainHeader with %s when the client is built, custom fetcher or not", async (_label, domain) => {
      const calls: unknown[] = [];
      const fetcher = async (args: unknown) => {
        calls.push(args);
        return { ok: true as const, body: {}, headers: {}, rawResponse: { headers: new Headers(), redirected: false, status: 200, statusText: "OK", type: "basic" as const, url: "" } };
      };
      const scope = nock(ORIGIN).post(/.*/).reply(201, {});
      for (const options of [{ withCustomDomainHeader: domain }, { withCustomDomainHeader: domain, fetcher }]) {
        const error = (() => {
          try {
            client(options);
          } catch (thrown) {
            return thrown;
          }
          return undefined;
        })();
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).field).toBe("headers.auth0-custom-domain");
        expect((error as Error).message).not.toContain("X-Injected");
      }
      expect(calls).toHaveLength(0);
      expect(scope.isDone()).toBe(false);
      expect(() => CustomDomainHeader(domain)).toThrow(InvalidInputError);
    });
  });

  it("exposes rate-limit headers through withRawResponse()", async () => {
    nock(ORIGIN).get("/api/v2/users/u").reply(200, { user_id: "u" }, { "x-ratelimit-limit": "50", "x-ratelimit-remaining": "49", "x-ratelimit-reset": "1700000000" });
    const { data, rawResponse } = await client().users.get("u").withRawResponse();
    expect(data).toEqual({ user_id: "u" });
    expect(rawResponse.headers.get("x-ratelimit-remaining")).toBe("49");
  });

  it("parses quota headers like v5's HttpResponseHeadersUtils", () => {
    const headers = new Headers({ "auth0-client-quota-limit": "b=per_hour;q=100;r=98;t=3000,b=per_day;q=1000;r=990;t=80000" });
    expect(HttpResponseHeadersUtils.getClientQuotaLimit(headers)).toEqual({
      perHour: { quota: 100, remaining: 98, resetAfter: 3000 },
      perDay: { quota: 1000, remaining: 990, resetAfter: 80000 },
    });
    expect(HttpResponseHeadersUtils.getOrganizationQuotaLimit(headers)).toBeNull();
  });
});
