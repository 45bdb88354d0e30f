import { describe, expect, it } from "vitest";
import { clientCredentialsToken, jsonBody, managementFetcher, readJson, useSharedTenant } from "./support.js";

const tenant = useSharedTenant();

describe("Management API errors", () => {
  it("answers 401 without a token, with a foreign token and with an expired one", async () => {
    const t = tenant();
    const missing = await fetch(`${t.managementApiUrl}/users`);
    expect(missing.status).toBe(401);
    expect(await readJson(missing)).toMatchObject({
      statusCode: 401,
      error: "Unauthorized",
      message: "Missing authentication",
    });

    expect((await managementFetcher(t, "not.a.jwt")("/users")).status).toBe(401);

    const expired = await managementFetcher(t, await t.managementToken({ expiresInSeconds: -60 }))("/users");
    expect(expired.status).toBe(401);
    expect((await readJson(expired))["message"]).toBe("Expired token received for JSON Web Token validation");

    const wrongAudience = await managementFetcher(
      t,
      await t.managementToken({ audience: "https://api.example" }),
    )("/users");
    expect(wrongAudience.status).toBe(401);
  });

  it("answers 403 insufficient_scope for a client without the endpoint's scope", async () => {
    const t = tenant();
    const limited = t.createClient({ scopes: ["read:users"] });
    const call = managementFetcher(t, await clientCredentialsToken(t, limited));
    expect((await call("/users")).status).toBe(200);

    const refused = await call(
      "/users",
      jsonBody("POST", { connection: "Username-Password-Authentication", email: "x@example.com", password: "pw" }),
    );
    expect(refused.status).toBe(403);
    expect(await readJson(refused)).toEqual({
      statusCode: 403,
      error: "Forbidden",
      message: "Insufficient scope, expected any of: create:users",
      errorCode: "insufficient_scope",
    });

    const roles = await call("/roles");
    expect(roles.status).toBe(403);
    expect((await readJson(roles))["message"]).toBe("Insufficient scope, expected any of: read:roles");
  });

  it("answers 404 with Auth0's error codes for unknown ids", async () => {
    const t = tenant();
    const call = managementFetcher(t, await t.managementToken());
    const cases: [string, string][] = [
      ["/users/auth0%7Cnope", "inexistent_user"],
      ["/roles/rol_0000000000000000", "inexistent_role"],
      ["/clients/nope", "inexistent_client"],
      ["/connections/con_0000000000000000", "inexistent_connection"],
      ["/organizations/org_0000000000000000", "inexistent_organization"],
      ["/jobs/job_0000000000000000", "inexistent_job"],
    ];
    for (const [path, errorCode] of cases) {
      const response = await call(path);
      expect(response.status, path).toBe(404);
      expect(await readJson(response), path).toMatchObject({ statusCode: 404, error: "Not Found", errorCode });
    }
  });

  it("answers 409 for a user that already exists in the connection", async () => {
    const t = tenant();
    t.seed({ users: [{ email: "taken@example.com", password: "pw" }] });
    const call = managementFetcher(t, await t.managementToken());
    const response = await call(
      "/users",
      jsonBody("POST", { connection: "Username-Password-Authentication", email: "TAKEN@example.com", password: "pw" }),
    );
    expect(response.status).toBe(409);
    expect(await readJson(response)).toEqual({
      statusCode: 409,
      error: "Conflict",
      message: "The user already exists.",
      errorCode: "auth0_idp_error",
    });
  });

  it("answers 400 invalid_body for missing, mistyped or unknown properties and broken JSON", async () => {
    const t = tenant();
    const call = managementFetcher(t, await t.managementToken());
    const missing = await call("/users", jsonBody("POST", { email: "a@example.com" }));
    expect(missing.status).toBe(400);
    expect(await readJson(missing)).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "Payload validation error: 'Missing required property: connection'.",
      errorCode: "invalid_body",
    });
    const mistyped = await call(
      "/users",
      jsonBody("POST", { connection: "Username-Password-Authentication", email: 42 }),
    );
    expect((await readJson(mistyped))["message"]).toBe(
      "Payload validation error: 'Expected type string but found type number' on property email.",
    );
    const unknown = await call(
      "/users",
      jsonBody("POST", {
        connection: "Username-Password-Authentication",
        email: "a@example.com",
        password: "pw",
        favourite: "x",
      }),
    );
    expect(unknown.status).toBe(400);
    const broken = await call("/users", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(broken.status).toBe(400);
    expect((await readJson(broken))["errorCode"]).toBe("invalid_body");
  });

  it("answers 501 naming the method and path of an endpoint the mock does not implement", async () => {
    const t = tenant();
    const response = await managementFetcher(t, await t.managementToken())("/actions/actions?per_page=5");
    expect(response.status).toBe(501);
    expect(await readJson(response)).toEqual({
      statusCode: 501,
      error: "Not Implemented",
      message: "GET /api/v2/actions/actions is not implemented by the mock tenant",
      errorCode: "not_implemented",
    });
  });
});
