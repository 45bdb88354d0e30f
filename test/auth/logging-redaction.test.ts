import { exportPKCS8, generateKeyPair } from "jose";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../src/core/logger.js";
import { UserInfoClient } from "../../src/userinfo/userinfo-client.js";
import { DOMAIN, ORIGIN, authClient, form } from "./support.js";

afterEach(() => nock.cleanAll());

function memoryLogger(): { lines: unknown[]; logger: Logger } {
  const lines: unknown[] = [];
  const at = (level: string) => (message: string, details?: unknown) => void lines.push({ level, message, details });
  return { lines, logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } };
}

describe("logging at debug level", () => {
  it("writes no password, client secret, code, OTP, token or assertion in any line", async () => {
    const secrets = {
      clientSecret: "SECRET-client-secret",
      password: "SECRET-password",
      code: "SECRET-authorization-code",
      verifier: "SECRET-code-verifier",
      otp: "SECRET-otp",
      refreshToken: "SECRET-refresh-token",
      accessToken: "SECRET-access-token",
      subjectToken: "SECRET-subject-token",
    };
    const assertions: string[] = [];
    nock(ORIGIN)
      .post("/oauth/token")
      .times(20)
      .reply(200, (_uri, body) => {
        const assertion = form(String(body)).client_assertion;
        if (assertion) assertions.push(assertion);
        return { access_token: "issued" };
      })
      .post(/.*/)
      .times(20)
      .reply(200, {})
      .get("/userinfo")
      .reply(200, { sub: "u" });

    const { lines, logger } = memoryLogger();
    const logging = { level: "debug" as const, logger };
    const client = authClient({ clientSecret: secrets.clientSecret, logging });
    await client.oauth.passwordGrant({ username: "visible-user", password: secrets.password });
    await client.oauth.authorizationCodeGrantWithPKCE({ code: secrets.code, code_verifier: secrets.verifier });
    await client.oauth.refreshTokenGrant({ refresh_token: secrets.refreshToken });
    await client.oauth.revokeRefreshToken({ token: secrets.refreshToken });
    await client.oauth.tokenForConnection({ subject_token: secrets.subjectToken, connection: "google-oauth2" });
    await client.passwordless.loginWithEmail({ email: "visible@example.com", code: secrets.otp });
    await client.database.signUp({ email: "visible@example.com", password: secrets.password, connection: "db" });
    await client.tokenExchange.exchangeToken({ subject_token_type: "urn:x", subject_token: secrets.subjectToken, audience: "a" });
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    await authClient({ clientAssertionSigningKey: await exportPKCS8(privateKey), logging }).oauth.clientCredentialsGrant({ audience: "a" });
    await new UserInfoClient({ domain: DOMAIN, logging }).getUserInfo(secrets.accessToken);

    const text = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThan(20);
    expect(assertions).toHaveLength(1);
    for (const secret of [...Object.values(secrets), ...assertions]) expect(text).not.toContain(secret);
    expect(text).toContain("visible@example.com");
    expect(text).toContain("[REDACTED]");
  });
});
