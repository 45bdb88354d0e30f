import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { AuthApiError, FetchError, ResponseError, TimeoutError } from "../../src/auth/errors.js";
import { ManagementError } from "../../src/management/errors.js";
import { ORIGIN, authClient, rejectionOf } from "./support.js";

afterEach(() => nock.cleanAll());

const networkError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("error responses", () => {
  it("an error body with `error` becomes AuthApiError with error, error_description, statusCode, raw body and headers", async () => {
    const body = '{"error":"invalid_grant","error_description":"Wrong email or password."}';
    nock(ORIGIN).post("/oauth/token").reply(403, body, { "content-type": "application/json", "x-request-id": "r1" });
    const error = await rejectionOf(authClient().oauth.passwordGrant({ username: "u", password: "p" }));
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({
      name: "AuthApiError",
      message: "Wrong email or password.",
      error: "invalid_grant",
      error_description: "Wrong email or password.",
      statusCode: 403,
      body,
    });
    expect((error as AuthApiError).headers.get("x-request-id")).toBe("r1");
  });

  it("an error body with code/description (the database endpoints) maps them to error/error_description", async () => {
    nock(ORIGIN).post("/dbconnections/signup").reply(400, { code: "invalid_signup", description: "Invalid sign up", name: "BadRequestError" });
    const error = await rejectionOf(authClient().database.signUp({ email: "e", password: "p", connection: "c" }));
    expect(error).toMatchObject({ name: "AuthApiError", error: "invalid_signup", error_description: "Invalid sign up", message: "Invalid sign up" });
  });

  it("the message falls back to `error` when there is no description", async () => {
    nock(ORIGIN).post("/oauth/token").reply(401, { error: "access_denied" });
    await expect(authClient().oauth.clientCredentialsGrant({ audience: "a" })).rejects.toMatchObject({ message: "access_denied", error_description: "" });
  });

  it("a body that is not JSON becomes ResponseError with statusCode, body and headers", async () => {
    nock(ORIGIN).post("/oauth/token").reply(502, "<html>Bad gateway</html>", { "content-type": "text/html" });
    const error = await rejectionOf(authClient().oauth.clientCredentialsGrant({ audience: "a" }));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ name: "ResponseError", message: "Response returned an error code", statusCode: 502, body: "<html>Bad gateway</html>" });
    expect((error as ResponseError).headers.get("content-type")).toBe("text/html");
  });

  it("any status outside 200–299 is an error, 3xx included", async () => {
    nock(ORIGIN).post("/passwordless/start").reply(304, "");
    await expect(authClient().passwordless.sendSMS({ phone_number: "+1" })).rejects.toMatchObject({ statusCode: 304 });
  });

  it("a successful body that is not JSON, where JSON is expected, is a ResponseError", async () => {
    nock(ORIGIN).post("/oauth/token").reply(200, "ok", { "content-type": "text/plain" });
    await expect(authClient().oauth.clientCredentialsGrant({ audience: "a" })).rejects.toMatchObject({
      name: "ResponseError",
      message: "The response body is not valid JSON",
      statusCode: 200,
    });
  });

  it("is reported to request:error observers", async () => {
    nock(ORIGIN).post("/oauth/token").reply(400, { error: "invalid_request" });
    const client = authClient();
    const reported: unknown[] = [];
    client.lifecycle.hook("request:error", ({ error }) => void reported.push(error));
    const error = await rejectionOf(client.oauth.clientCredentialsGrant({ audience: "a" }));
    expect(reported).toEqual([error]);
  });
});

describe("transport failures", () => {
  it("an attempt that runs past timeoutDuration rejects with TimeoutError", async () => {
    nock(ORIGIN).post("/oauth/token").delay(500).reply(200, {});
    const error = await rejectionOf(authClient({ timeoutDuration: 50 }).oauth.clientCredentialsGrant({ audience: "a" }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ name: "TimeoutError", message: "The request was timed out." });
    // The Authentication API's own error, as in v5: not a Management error.
    expect(error).not.toBeInstanceOf(ManagementError);
    expect(Object.getPrototypeOf(TimeoutError.prototype)).toBe(Error.prototype);
  });

  it("a failed fetch rejects with FetchError carrying the cause", async () => {
    nock(ORIGIN).post("/oauth/token").replyWithError(networkError("ECONNREFUSED"));
    const error = await rejectionOf(authClient().oauth.clientCredentialsGrant({ audience: "a" }));
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).name).toBe("FetchError");
    expect((error as FetchError).cause).toMatchObject({ code: "ECONNREFUSED" });
  });

  it("a caller's abort (initOverrides.signal) rejects with FetchError whose cause is the AbortError", async () => {
    nock(ORIGIN).post("/oauth/token").delay(1000).reply(200, {});
    const controller = new AbortController();
    const pending = authClient().oauth.clientCredentialsGrant({ audience: "a" }, { initOverrides: { signal: controller.signal } });
    setTimeout(() => controller.abort(), 20);
    const error = await rejectionOf(pending);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).cause).toMatchObject({ name: "AbortError" });
  });
});
