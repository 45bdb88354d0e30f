import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MissingRuntimeFeatureError } from "../../src/core/errors.js";
import { randomUuid } from "../../src/auth/webcrypto.js";
import { ManagementClient } from "../../src/management/management-client.js";
import { memoryTokenCache } from "../../src/management/token-cache.js";
import { CLIENT_ID, DOMAIN, ORIGIN, authClient, intercept, rejectionOf } from "./support.js";

// What React Native offers without polyfills: no crypto.subtle (nor, before 0.74, TextEncoder, atob or btoa), and
// no TextDecoder on Hermes. ID-token validation and private_key_jwt must say so before they try, not fail inside jose.
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllGlobals();
});

const privateKeyPem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln";

describe("without WebCrypto (React Native with no polyfill)", () => {
  it("ID-token validation raises MissingRuntimeFeatureError naming every missing global", async () => {
    vi.stubGlobal("crypto", { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });
    vi.stubGlobal("TextDecoder", undefined);
    const { seen } = intercept("POST", "/oauth/token", { body: { access_token: "at", id_token: ID_TOKEN, token_type: "Bearer", expires_in: 60 } });
    const error = await rejectionOf(authClient().oauth.passwordGrant({ username: "u", password: "p" }));
    expect(error).toBeInstanceOf(MissingRuntimeFeatureError);
    const missing = error as MissingRuntimeFeatureError;
    expect(missing.feature).toBe("ID-token validation");
    expect(missing.missing).toEqual(["crypto.subtle", "TextDecoder"]);
    expect(missing.message).toMatch(/^ID-token validation needs crypto\.subtle, TextDecoder, which this runtime lacks\. On React Native, install .*react-native-quick-crypto/);
    expect(seen).toHaveLength(1); // the grant ran; the token is not handed out unvalidated
  });

  it("private_key_jwt raises it before any request is sent, on both clients", async () => {
    vi.stubGlobal("crypto", {});
    const token = nock(ORIGIN).post("/oauth/token").reply(200, {});
    const auth = authClient({ clientAssertionSigningKey: privateKeyPem });
    const error = await rejectionOf(auth.oauth.clientCredentialsGrant({ audience: "https://api" }));
    expect(error).toBeInstanceOf(MissingRuntimeFeatureError);
    expect((error as MissingRuntimeFeatureError).missing).toEqual(["crypto.subtle", "crypto.getRandomValues"]);
    expect((error as MissingRuntimeFeatureError).feature).toMatch(/private_key_jwt/);

    const management = new ManagementClient({ domain: DOMAIN, clientId: CLIENT_ID, clientAssertionSigningKey: privateKeyPem });
    const managementError = await rejectionOf(management.users.get("u1"));
    expect(managementError).toBeInstanceOf(MissingRuntimeFeatureError);
    expect(token.isDone()).toBe(false);
  });

  it("a client secret needs no WebCrypto with the default token cache; a tokenCache's fingerprint says it does", async () => {
    vi.stubGlobal("crypto", undefined);
    vi.stubGlobal("TextEncoder", undefined);
    const token = nock(ORIGIN).post("/oauth/token").reply(200, { access_token: "at", token_type: "Bearer", expires_in: 3600 });
    const user = nock(ORIGIN).get("/api/v2/users/u1").matchHeader("authorization", "Bearer at").reply(200, { user_id: "u1" });
    const management = new ManagementClient({ domain: DOMAIN, clientId: CLIENT_ID, clientSecret: "s" });
    expect(await management.users.get("u1")).toEqual({ user_id: "u1" });
    expect(token.isDone() && user.isDone()).toBe(true);

    const shared = new ManagementClient({ domain: DOMAIN, clientId: CLIENT_ID, clientSecret: "s", tokenCache: memoryTokenCache() });
    const error = await rejectionOf(shared.users.get("u1"));
    expect(error).toBeInstanceOf(MissingRuntimeFeatureError);
    expect((error as MissingRuntimeFeatureError).missing).toEqual(["crypto.subtle", "TextEncoder"]);
  });

  it("signs the assertion's jti with getRandomValues where randomUUID is missing", () => {
    vi.stubGlobal("crypto", { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) });
    const ids = new Set(Array.from({ length: 50 }, () => randomUuid()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
