import { describe, expect, it } from "vitest";
import { form, readJson, useSharedTenant } from "./support.js";

const tenant = useSharedTenant();

async function loginWithOfflineAccess(): Promise<string> {
  const t = tenant();
  t.seed({ users: [{ email: "rita@example.com", password: "pw" }] });
  const body = await readJson(
    await fetch(
      `${t.domain}/oauth/token`,
      form({
        grant_type: "password",
        client_id: t.clientId,
        client_secret: t.clientSecret,
        username: "rita@example.com",
        password: "pw",
        scope: "openid offline_access",
      }),
    ),
  );
  return String(body["refresh_token"]);
}

function refresh(refreshToken: string, extra: Record<string, string> = {}) {
  const t = tenant();
  return fetch(
    `${t.domain}/oauth/token`,
    form({
      grant_type: "refresh_token",
      client_id: t.clientId,
      client_secret: t.clientSecret,
      refresh_token: refreshToken,
      ...extra,
    }),
  );
}

describe("refresh token rotation", () => {
  it("returns new tokens and a new refresh token, and the old one stops working", async () => {
    const first = await loginWithOfflineAccess();
    const response = await refresh(first);
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body).toMatchObject({
      access_token: expect.any(String),
      id_token: expect.any(String),
      refresh_token: expect.any(String),
    });
    expect(body["refresh_token"]).not.toBe(first);

    const reuse = await refresh(first);
    expect(reuse.status).toBe(403);
    expect(await readJson(reuse)).toEqual({
      error: "invalid_grant",
      error_description: "Unknown or invalid refresh token.",
    });
  });

  it("revokes the whole family when a rotated token is reused", async () => {
    const first = await loginWithOfflineAccess();
    const second = String((await readJson(await refresh(first)))["refresh_token"]);
    expect((await refresh(first)).status).toBe(403);
    expect((await refresh(second)).status).toBe(403);
  });

  it("can narrow the scope of the refreshed tokens", async () => {
    const first = await loginWithOfflineAccess();
    const body = await readJson(await refresh(first, { scope: "openid" }));
    expect(body["scope"]).toBe("openid");
    expect((await refresh(String(body["refresh_token"]))).status).toBe(200);
  });

  it("revokes a refresh token through /oauth/revoke", async () => {
    const token = await loginWithOfflineAccess();
    const t = tenant();
    const revoke = await fetch(`${t.domain}/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: t.clientId, client_secret: t.clientSecret, token }),
    });
    expect(revoke.status).toBe(200);
    expect((await refresh(token)).status).toBe(403);
  });
});
