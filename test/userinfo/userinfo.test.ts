import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { JSONApiResponse } from "../../src/auth/api-response.js";
import { ResponseError, TimeoutError } from "../../src/auth/errors.js";
import { UserInfoError } from "../../src/userinfo/errors.js";
import { UserInfoClient } from "../../src/userinfo/userinfo-client.js";
import { DOMAIN, ORIGIN, intercept, rejectionOf } from "../auth/support.js";

afterEach(() => nock.cleanAll());

const PROFILE = { sub: "auth0|user-1", name: "Jane", nickname: "jane", email: "jane@example.com", email_verified: true, updated_at: "2024-01-01" };

describe("UserInfoClient.getUserInfo (GET /userinfo)", () => {
  it("sends the access token as a Bearer token with telemetry and the client's headers, and returns the profile", async () => {
    const { seen, scope } = intercept("GET", "/userinfo", { body: PROFILE });
    const response = await new UserInfoClient({ domain: DOMAIN, headers: { "x-app": "a" } }).getUserInfo("the-access-token");
    scope.done();
    expect(seen[0]!.headers).toMatchObject({ authorization: "Bearer the-access-token", "x-app": "a" });
    expect(seen[0]!.headers["auth0-client"]).toBeDefined();
    expect(seen[0]!.body).toBe("");
    expect(response).toBeInstanceOf(JSONApiResponse);
    expect(response).toMatchObject({ data: PROFILE, status: 200, statusText: "OK" });
  });

  it("applies initOverrides", async () => {
    const { seen } = intercept("GET", "/userinfo", { body: PROFILE });
    await new UserInfoClient({ domain: DOMAIN }).getUserInfo("at", { headers: { "x-trace": "t1" } });
    expect(seen[0]!.headers["x-trace"]).toBe("t1");
  });

  it("rejects with UserInfoError for a JSON error body, with its fields as they are", async () => {
    const body = '{"error":"invalid_token","error_description":"The access token is invalid"}';
    nock(ORIGIN).get("/userinfo").reply(401, body, { "content-type": "application/json", "www-authenticate": "Bearer" });
    const error = await rejectionOf(new UserInfoClient({ domain: DOMAIN }).getUserInfo("bad"));
    expect(error).toBeInstanceOf(UserInfoError);
    expect(error).toMatchObject({
      name: "UserInfoError",
      message: "The access token is invalid",
      error: "invalid_token",
      error_description: "The access token is invalid",
      statusCode: 401,
      body,
    });
    expect((error as UserInfoError).headers.get("www-authenticate")).toBe("Bearer");
  });

  it.each([
    ["an object without the fields", '{"code":"invalid_token","description":"bad"}'],
    ["a JSON string", '"denied"'],
    ["a JSON number", "401"],
  ])("rejects with UserInfoError for %s, error and error_description undefined as in v5", async (_label, body) => {
    nock(ORIGIN).get("/userinfo").reply(400, body, { "content-type": "application/json" });
    const error = await rejectionOf(new UserInfoClient({ domain: DOMAIN }).getUserInfo("bad"));
    expect(error).toBeInstanceOf(UserInfoError);
    expect(error).toMatchObject({ message: "", statusCode: 400, body });
    expect((error as UserInfoError).error).toBeUndefined();
    expect((error as UserInfoError).error_description).toBeUndefined();
  });

  it("rejects with ResponseError for a JSON null error body, as in v5", async () => {
    nock(ORIGIN).get("/userinfo").reply(400, "null", { "content-type": "application/json" });
    expect(await rejectionOf(new UserInfoClient({ domain: DOMAIN }).getUserInfo("bad"))).toBeInstanceOf(ResponseError);
  });

  it("rejects with ResponseError when the error body is not JSON", async () => {
    nock(ORIGIN).get("/userinfo").reply(401, "Unauthorized", { "content-type": "text/plain" });
    const error = await rejectionOf(new UserInfoClient({ domain: DOMAIN }).getUserInfo("bad"));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ statusCode: 401, body: "Unauthorized" });
  });

  it("times out after timeoutDuration", async () => {
    nock(ORIGIN).get("/userinfo").delay(500).reply(200, PROFILE);
    await expect(new UserInfoClient({ domain: DOMAIN, timeoutDuration: 50, retry: { enabled: false } }).getUserInfo("at")).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe("comparing the userinfo sub with the ID token's (OIDC Core 5.3.2)", () => {
  it("accepts a profile about the expected subject", async () => {
    intercept("GET", "/userinfo", { body: PROFILE });
    await expect(new UserInfoClient({ domain: DOMAIN }).getUserInfo("at", undefined, { expectedSub: "auth0|user-1" })).resolves.toMatchObject({
      data: { sub: "auth0|user-1" },
    });
  });

  it("rejects a profile about someone else with UserInfoError sub_mismatch", async () => {
    intercept("GET", "/userinfo", { body: { ...PROFILE, sub: "auth0|someone-else" } });
    const error = await rejectionOf(new UserInfoClient({ domain: DOMAIN }).getUserInfo("at", undefined, { expectedSub: "auth0|user-1" }));
    expect(error).toBeInstanceOf(UserInfoError);
    expect(error).toMatchObject({ error: "sub_mismatch", statusCode: 200 });
    expect((error as Error).message).toBe('The userinfo response is about subject "auth0|someone-else", not "auth0|user-1" (the ID token\'s)');
  });
});
