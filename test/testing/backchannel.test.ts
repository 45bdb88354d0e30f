import { describe, expect, it } from "vitest";
import { form, readJson, useSharedTenant } from "./support.js";

const tenant = useSharedTenant();
const CIBA = "urn:openid:params:grant-type:ciba";

async function authorize(): Promise<string> {
  const t = tenant();
  const { users } = t.seed({ users: [{ email: "cora@example.com", password: "pw" }] });
  const response = await fetch(
    `${t.domain}/bc-authorize`,
    form({
      client_id: t.clientId,
      client_secret: t.clientSecret,
      scope: "openid",
      binding_message: "Confirm 42",
      login_hint: JSON.stringify({ format: "iss_sub", iss: t.issuer, sub: String(users[0]?.["user_id"]) }),
    }),
  );
  expect(response.status).toBe(200);
  const body = await readJson(response);
  expect(body).toMatchObject({ auth_req_id: expect.any(String), expires_in: 300, interval: 5 });
  return String(body["auth_req_id"]);
}

function poll(authReqId: string) {
  const t = tenant();
  return fetch(
    `${t.domain}/oauth/token`,
    form({ grant_type: CIBA, client_id: t.clientId, client_secret: t.clientSecret, auth_req_id: authReqId }),
  );
}

describe("client-initiated backchannel authentication", () => {
  it("is pending until approved, then yields tokens once", async () => {
    const authReqId = await authorize();
    const pending = await poll(authReqId);
    expect(pending.status).toBe(400);
    expect((await readJson(pending))["error"]).toBe("authorization_pending");

    expect(tenant().backchannelRequests()).toEqual([
      expect.objectContaining({ authReqId, bindingMessage: "Confirm 42", status: "pending" }),
    ]);
    tenant().approveBackchannel();
    const approved = await poll(authReqId);
    expect(approved.status).toBe(200);
    expect(await readJson(approved)).toMatchObject({
      access_token: expect.any(String),
      id_token: expect.any(String),
      token_type: "Bearer",
    });
    expect((await poll(authReqId)).status).toBe(400);
  });

  it("answers access_denied when the user refuses", async () => {
    const authReqId = await authorize();
    tenant().denyBackchannel(authReqId);
    const denied = await poll(authReqId);
    expect(denied.status).toBe(400);
    expect((await readJson(denied))["error"]).toBe("access_denied");
  });
});
