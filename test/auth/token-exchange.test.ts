import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_SECRET, authClient, form, formKeys, intercept } from "./support.js";

afterEach(() => nock.cleanAll());

describe("tokenExchange.exchangeToken (POST /oauth/token, form-encoded)", () => {
  it("sends the options, the token-exchange grant type, client_id, then the secret, and resolves to the body alone", async () => {
    const tokens = { access_token: "at", expires_in: 60, scope: "openid" };
    const { seen } = intercept("POST", "/oauth/token", { body: tokens });
    const result = await authClient().tokenExchange.exchangeToken({
      subject_token_type: "urn:acme:legacy",
      subject_token: "legacy-token",
      audience: "https://api",
      scope: "openid",
      device: "d1",
    });
    expect(seen[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(formKeys(seen[0]!.body)).toEqual(["subject_token_type", "subject_token", "audience", "scope", "device", "grant_type", "client_id", "client_secret"]);
    expect(form(seen[0]!.body)).toMatchObject({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      client_id: "client-id",
      client_secret: CLIENT_SECRET,
    });
    expect(result).toEqual(tokens);
  });

  it("always sends the client's own client_id", async () => {
    const { seen } = intercept("POST", "/oauth/token", { body: {} });
    await authClient().tokenExchange.exchangeToken({ subject_token_type: "t", subject_token: "s", audience: "a", client_id: "spoofed" });
    expect(form(seen[0]!.body).client_id).toBe("client-id");
  });
});
