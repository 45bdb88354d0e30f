import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { AuthenticationClient, HttpResponseHeadersUtils, ManagementClient, type TokenQuotaBucket } from "auth0";

afterEach(() => nock.cleanAll());

const DOMAIN = "tenant.example.com";
const hour = (quota: number, remaining: number, resetAfter: number) => ({ quota, remaining, resetAfter });

/** v5 application code: how much of its token quota a client has left, read from any response's headers. */
function remainingTokens(headers: Headers | Record<string, string>): { client: TokenQuotaBucket | null; organization: TokenQuotaBucket | null } {
  return { client: HttpResponseHeadersUtils.getClientQuotaLimit(headers), organization: HttpResponseHeadersUtils.getOrganizationQuotaLimit(headers) };
}

describe("HttpResponseHeadersUtils: Auth0's token-quota headers, as v5 code reads them", () => {
  it("is a class with v5's statics", () => {
    expect(typeof HttpResponseHeadersUtils).toBe("function");
    expect(Object.getOwnPropertyNames(HttpResponseHeadersUtils)).toEqual(expect.arrayContaining(["getClientQuotaLimit", "getOrganizationQuotaLimit", "parseQuota"]));
  });

  it("reads the documented form, b=<bucket>;q=;r=;t=, with both buckets", () => {
    const headers = new Headers({ "Auth0-Client-Quota-Limit": "b=per_hour;q=10;r=7;t=3540,b=per_day;q=50;r=47;t=43200" });
    expect(remainingTokens(headers)).toEqual({ client: { perHour: hour(10, 7, 3540), perDay: hour(50, 47, 43200) }, organization: null });
  });

  it("reads the form with the bucket name bare, per_hour;q=;r=;t=, one bucket or several", () => {
    expect(HttpResponseHeadersUtils.parseQuota("per_hour;q=100;r=50;t=3600")).toEqual({ perHour: hour(100, 50, 3600), perDay: undefined });
    expect(HttpResponseHeadersUtils.parseQuota("per_day;q=1000;r=999;t=86399")).toEqual({ perHour: undefined, perDay: hour(1000, 999, 86399) });
    expect(HttpResponseHeadersUtils.parseQuota("per_hour;q=100;r=50;t=3600,per_day;q=1000;r=999;t=86399")).toEqual({
      perHour: hour(100, 50, 3600),
      perDay: hour(1000, 999, 86399),
    });
  });

  it("reads one bucket of the b= form alone, keeps both keys as v5 does, and mixes forms across buckets", () => {
    const one = HttpResponseHeadersUtils.parseQuota("b=per_day;q=5;r=0;t=120");
    expect(one).toEqual({ perHour: undefined, perDay: hour(5, 0, 120) });
    expect(Object.keys(one)).toEqual(["perHour", "perDay"]);
    expect(HttpResponseHeadersUtils.parseQuota("b=per_hour;q=1;r=1;t=1, per_day;q=2;r=2;t=2")).toEqual({ perHour: hour(1, 1, 1), perDay: hour(2, 2, 2) });
  });

  it("takes fields in any order, with spaces around the separators, and gives 0 for a field that is missing or not a number", () => {
    expect(HttpResponseHeadersUtils.parseQuota(" q = 10 ; b = per_hour ; t = 60 ; r = 3 ")).toEqual({ perHour: hour(10, 3, 60), perDay: undefined });
    expect(HttpResponseHeadersUtils.parseQuota("b=per_hour;q=10")).toEqual({ perHour: hour(10, 0, 0), perDay: undefined });
    expect(HttpResponseHeadersUtils.parseQuota("b=per_hour;q=ten;r=1;t=2")).toEqual({ perHour: hour(0, 1, 2), perDay: undefined });
    expect(HttpResponseHeadersUtils.parseQuota("b=per_minute;q=1;r=1;t=1")).toEqual({ perHour: undefined, perDay: undefined });
  });

  it("gives null when the response has no quota header (or an empty one), and reads a plain record whatever the names' case", () => {
    expect(remainingTokens(new Headers())).toEqual({ client: null, organization: null });
    expect(remainingTokens({ "auth0-client-quota-limit": "   " })).toEqual({ client: null, organization: null });
    expect(remainingTokens({ "Auth0-Organization-Quota-Limit": "per_hour;q=3;r=2;t=10" })).toEqual({
      client: null,
      organization: { perHour: hour(3, 2, 10), perDay: undefined },
    });
  });

  it("reads the headers of a real Management API response (withRawResponse) and of a token response", async () => {
    nock(`https://${DOMAIN}`)
      .get("/api/v2/users/u1")
      .reply(200, { user_id: "u1" }, { "auth0-client-quota-limit": "b=per_hour;q=100;r=98;t=3000", "auth0-organization-quota-limit": "per_day;q=9;r=8;t=7" });
    const { rawResponse } = await new ManagementClient({ domain: DOMAIN, token: "t" }).users.get("u1").withRawResponse();
    expect(remainingTokens(rawResponse.headers)).toEqual({
      client: { perHour: hour(100, 98, 3000), perDay: undefined },
      organization: { perHour: undefined, perDay: hour(9, 8, 7) },
    });

    nock(`https://${DOMAIN}`)
      .post("/oauth/token")
      .reply(200, { access_token: "a", token_type: "Bearer", expires_in: 60 }, { "auth0-client-quota-limit": "per_hour;q=10;r=9;t=59,per_day;q=20;r=19;t=600" });
    const token = await new AuthenticationClient({ domain: DOMAIN, clientId: "c", clientSecret: "s" }).oauth.clientCredentialsGrant({ audience: "https://api" });
    expect(HttpResponseHeadersUtils.getClientQuotaLimit(token.headers)).toEqual({ perHour: hour(10, 9, 59), perDay: hour(20, 19, 600) });
  });
});
