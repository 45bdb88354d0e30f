import { createRemoteJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { form, jsonBody, readJson, useSharedTenant } from "./support.js";

const tenant = useSharedTenant();
const OTP_GRANT = "http://auth0.com/oauth/grant-type/passwordless/otp";

function start(values: Record<string, string>) {
  const t = tenant();
  return fetch(
    `${t.domain}/passwordless/start`,
    jsonBody("POST", { client_id: t.clientId, client_secret: t.clientSecret, ...values }),
  );
}

function login(values: Record<string, string>) {
  const t = tenant();
  return fetch(
    `${t.domain}/oauth/token`,
    form({ grant_type: OTP_GRANT, client_id: t.clientId, client_secret: t.clientSecret, ...values }),
  );
}

describe("passwordless", () => {
  it("sends an email code the test can read, and logs the user in with it", async () => {
    const started = await start({ connection: "email", email: "pia@example.com", send: "code" });
    expect(started.status).toBe(200);
    expect(await readJson(started)).toMatchObject({ email: "pia@example.com", email_verified: false });

    const t = tenant();
    const otp = t.lastOtp("pia@example.com");
    expect(otp).toMatch(/^\d{6}$/);
    expect(t.sentMessages()).toEqual([
      expect.objectContaining({ kind: "passwordless-code", to: "pia@example.com", code: otp }),
    ]);

    const response = await login({
      username: "pia@example.com",
      otp: String(otp),
      realm: "email",
      scope: "openid email",
    });
    expect(response.status).toBe(200);
    const { payload } = await jwtVerify(
      String((await readJson(response))["id_token"]),
      createRemoteJWKSet(new URL(`${t.domain}/.well-known/jwks.json`)),
      {
        issuer: t.issuer,
        audience: t.clientId,
      },
    );
    expect(payload).toMatchObject({
      sub: expect.stringMatching(/^email\|/),
      email: "pia@example.com",
      email_verified: true,
    });
  });

  it("accepts a code once only and refuses a wrong one", async () => {
    await start({ connection: "sms", phone_number: "+15555550100" });
    const otp = String(tenant().lastOtp("+15555550100"));
    const wrong = await login({ username: "+15555550100", otp: otp === "000000" ? "111111" : "000000", realm: "sms" });
    expect(wrong.status).toBe(403);
    expect(await readJson(wrong)).toEqual({
      error: "invalid_grant",
      error_description: "Wrong phone number or verification code.",
    });
    // The wrong attempt does not spend the code; the right one does.
    expect((await login({ username: "+15555550100", otp, realm: "sms" })).status).toBe(200);
    expect((await login({ username: "+15555550100", otp, realm: "sms" })).status).toBe(403);
  });
});
