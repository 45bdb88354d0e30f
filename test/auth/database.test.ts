import { describe, expect, it } from "vitest";
import { JSONApiResponse, TextApiResponse } from "../../src/auth/api-response.js";
import { RequiredError } from "../../src/auth/errors.js";
import { authClient, intercept, jsonKeys, rejectionOf, overEachTransport } from "./support.js";

// Every case runs over the default transport and over auth0/plugins/undici, with the same expectations.
overEachTransport(() => {
  describe("database.signUp (POST /dbconnections/signup, JSON)", () => {
    it("sends client_id then the caller's fields, with no client authentication", async () => {
      const { seen, scope } = intercept("POST", "/dbconnections/signup", { body: { _id: "abc", email: "a@b.c", email_verified: false } });
      const response = await authClient().database.signUp({
        email: "a@b.c",
        password: "pw",
        connection: "Username-Password-Authentication",
        user_metadata: { plan: "free" },
      });
      scope.done();
      expect(seen[0]!.headers["content-type"]).toBe("application/json");
      expect(jsonKeys(seen[0]!.body)).toEqual(["client_id", "email", "password", "connection", "user_metadata"]);
      expect(JSON.parse(seen[0]!.body)).toMatchObject({ client_id: "client-id", user_metadata: { plan: "free" } });
      expect(response).toBeInstanceOf(JSONApiResponse);
      expect(response.data.id).toBe("abc");
    });

    it("copies user_id into id when the server sends no id, and keeps an id it sends", async () => {
      intercept("POST", "/dbconnections/signup", { body: { user_id: "auth0|1", email: "x" } });
      intercept("POST", "/dbconnections/signup", { body: { id: "kept", _id: "other" } });
      const client = authClient({ clientSecret: undefined });
      const parameters = { email: "x", password: "p", connection: "c" };
      expect((await client.database.signUp(parameters)).data.id).toBe("auth0|1");
      expect((await client.database.signUp(parameters)).data.id).toBe("kept");
    });

    it.each(["email", "password", "connection"])("requires %s before any request", async (field) => {
      const parameters: Record<string, string> = { email: "e", password: "p", connection: "c" };
      delete parameters[field];
      const error = await rejectionOf(authClient().database.signUp(parameters as never));
      expect(error).toBeInstanceOf(RequiredError);
      expect((error as RequiredError).field).toBe(field);
    });
  });

  describe("database.changePassword (POST /dbconnections/change_password, JSON)", () => {
    it("sends client_id then the caller's fields and resolves to the response text", async () => {
      const { seen } = intercept("POST", "/dbconnections/change_password", { body: "We've just sent you an email to reset your password." });
      const response = await authClient().database.changePassword({ email: "a@b.c", connection: "db", organization: "org_1" });
      expect(jsonKeys(seen[0]!.body)).toEqual(["client_id", "email", "connection", "organization"]);
      expect(response).toBeInstanceOf(TextApiResponse);
      expect(response.data).toBe("We've just sent you an email to reset your password.");
      expect(response.status).toBe(200);
    });

    it("requires email and connection", async () => {
      await expect(authClient().database.changePassword({ email: "e" } as never)).rejects.toMatchObject({ name: "RequiredError", field: "connection" });
    });
  });
});
