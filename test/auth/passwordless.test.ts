import { describe, expect, it } from "vitest";
import { VoidApiResponse } from "../../src/auth/api-response.js";
import { RequiredError } from "../../src/auth/errors.js";
import { CLIENT_SECRET, authClient, form, formKeys, intercept, jsonKeys, rejectionOf, overEachTransport } from "./support.js";

// Every case runs over the default transport and over auth0/plugins/undici, with the same expectations.
overEachTransport(() => {
  describe("passwordless.sendEmail / sendSMS (POST /passwordless/start, JSON)", () => {
    it("sendEmail sends client_id, connection=email, the caller's fields, then the secret", async () => {
      const { seen } = intercept("POST", "/passwordless/start", { body: "" });
      const response = await authClient().passwordless.sendEmail({ email: "a@b.c", send: "link", authParams: { scope: "openid" } });
      expect(seen[0]!.headers["content-type"]).toBe("application/json");
      expect(jsonKeys(seen[0]!.body)).toEqual(["client_id", "connection", "email", "send", "authParams", "client_secret"]);
      expect(JSON.parse(seen[0]!.body)).toEqual({
        client_id: "client-id",
        connection: "email",
        email: "a@b.c",
        send: "link",
        authParams: { scope: "openid" },
        client_secret: CLIENT_SECRET,
      });
      expect(response).toBeInstanceOf(VoidApiResponse);
    });

    it("sendSMS sends client_id, connection=sms and the phone number", async () => {
      const { seen } = intercept("POST", "/passwordless/start", { body: "" });
      await authClient().passwordless.sendSMS({ phone_number: "+15555550100" });
      expect(JSON.parse(seen[0]!.body)).toEqual({ client_id: "client-id", connection: "sms", phone_number: "+15555550100", client_secret: CLIENT_SECRET });
    });

    it("lets the caller override the connection in place", async () => {
      const { seen } = intercept("POST", "/passwordless/start", { body: "" });
      await authClient().passwordless.sendEmail({ email: "a@b.c", connection: "custom-email" } as never);
      expect(jsonKeys(seen[0]!.body)).toEqual(["client_id", "connection", "email", "client_secret"]);
      expect(JSON.parse(seen[0]!.body).connection).toBe("custom-email");
    });

    it("needs client authentication", async () => {
      const error = await rejectionOf(authClient({ clientSecret: undefined }).passwordless.sendSMS({ phone_number: "+1" }));
      expect((error as Error).message).toBe("The client_secret or client_assertion field is required, or it should be mTLS request.");
    });

    it("requires email / phone_number", async () => {
      await expect(authClient().passwordless.sendEmail({} as never)).rejects.toBeInstanceOf(RequiredError);
      await expect(authClient().passwordless.sendSMS({} as never)).rejects.toMatchObject({ field: "phone_number" });
    });
  });

  describe("passwordless.loginWithEmail / loginWithSMS (POST /oauth/token, form-encoded)", () => {
    it("loginWithEmail sends client_id, username, otp, realm=email, the rest, the secret, then the OTP grant type", async () => {
      const { seen } = intercept("POST", "/oauth/token", { body: { access_token: "at" } });
      const response = await authClient().passwordless.loginWithEmail({ email: "a@b.c", code: "123456", scope: "openid", audience: "api" });
      expect(formKeys(seen[0]!.body)).toEqual(["client_id", "username", "otp", "realm", "scope", "audience", "client_secret", "grant_type"]);
      expect(form(seen[0]!.body)).toMatchObject({
        username: "a@b.c",
        otp: "123456",
        realm: "email",
        grant_type: "http://auth0.com/oauth/grant-type/passwordless/otp",
      });
      expect(response.data).toEqual({ access_token: "at" });
    });

    it("loginWithSMS uses the phone number as username and realm=sms", async () => {
      const { seen } = intercept("POST", "/oauth/token", { body: { access_token: "at" } });
      await authClient().passwordless.loginWithSMS({ phone_number: "+1", code: "9" });
      expect(formKeys(seen[0]!.body)).toEqual(["client_id", "username", "otp", "realm", "client_secret", "grant_type"]);
      expect(form(seen[0]!.body)).toMatchObject({ username: "+1", otp: "9", realm: "sms" });
    });

    it("requires the code", async () => {
      await expect(authClient().passwordless.loginWithEmail({ email: "e" } as never)).rejects.toMatchObject({ name: "RequiredError", field: "code" });
      await expect(authClient().passwordless.loginWithSMS({ code: "1" } as never)).rejects.toMatchObject({ field: "phone_number" });
    });
  });
});
