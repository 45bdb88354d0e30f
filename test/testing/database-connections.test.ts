import { describe, expect, it } from "vitest";
import { form, jsonBody, readJson, useSharedTenant } from "./support.js";

const tenant = useSharedTenant();

function signup(values: Record<string, unknown>) {
  const t = tenant();
  return fetch(
    `${t.domain}/dbconnections/signup`,
    jsonBody("POST", { client_id: t.clientId, connection: "Username-Password-Authentication", ...values }),
  );
}

describe("database connections", () => {
  it("signs up a user who can then log in", async () => {
    const response = await signup({
      email: "sam@example.com",
      password: "S3cret!",
      given_name: "Sam",
      user_metadata: { plan: "free" },
    });
    expect(response.status).toBe(200);
    expect(await readJson(response)).toMatchObject({
      _id: expect.any(String),
      email: "sam@example.com",
      email_verified: false,
      given_name: "Sam",
    });

    const t = tenant();
    expect(t.findUser("sam@example.com")).toMatchObject({ user_metadata: { plan: "free" } });
    const login = await fetch(
      `${t.domain}/oauth/token`,
      form({
        grant_type: "password",
        client_id: t.clientId,
        client_secret: t.clientSecret,
        username: "sam@example.com",
        password: "S3cret!",
      }),
    );
    expect(login.status).toBe(200);
  });

  it("refuses a second signup with the same email in the SDK-readable error shape", async () => {
    await signup({ email: "sam@example.com", password: "S3cret!" });
    const again = await signup({ email: "sam@example.com", password: "other" });
    expect(again.status).toBe(400);
    expect(await readJson(again)).toEqual({
      name: "BadRequestError",
      code: "invalid_signup",
      description: "Invalid sign up",
      statusCode: 400,
    });
  });

  it("answers change_password with a text message and records a reset link", async () => {
    await signup({ email: "sam@example.com", password: "S3cret!" });
    const t = tenant();
    const response = await fetch(
      `${t.domain}/dbconnections/change_password`,
      jsonBody("POST", {
        client_id: t.clientId,
        email: "sam@example.com",
        connection: "Username-Password-Authentication",
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("We've just sent you an email to reset your password.");
    expect(t.sentMessages()).toEqual([
      expect.objectContaining({
        kind: "password-reset",
        to: "sam@example.com",
        link: expect.stringContaining("/lo/reset?ticket="),
      }),
    ]);
  });

  it("answers a pushed authorization request with a request_uri", async () => {
    const t = tenant();
    const response = await fetch(
      `${t.domain}/oauth/par`,
      form({
        client_id: t.clientId,
        client_secret: t.clientSecret,
        response_type: "code",
        redirect_uri: "https://app.example/cb",
        scope: "openid",
      }),
    );
    expect(response.status).toBe(201);
    expect(await readJson(response)).toEqual({
      request_uri: expect.stringMatching(/^urn:ietf:params:oauth:request_uri:/),
      expires_in: 30,
    });
  });
});
