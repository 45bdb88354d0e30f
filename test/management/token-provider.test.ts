import { exportSPKI, generateKeyPair, exportPKCS8, jwtVerify, importSPKI } from "jose";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuthApiError } from "../../src/auth/errors.js";
import { ManagementClient } from "../../src/management/management-client.js";
import { memoryTokenCache, type CachedToken, type TokenCache, type TokenCacheFetchOptions } from "../../src/management/token-cache.js";
import { tokenCacheKey } from "../../src/management/token-cache-key.js";
import { TokenEndpointError } from "../../src/management/token-provider.js";

const DOMAIN = "tenant.example.com";
const ORIGIN = `https://${DOMAIN}`;
afterEach(() => nock.cleanAll());

function tokenEndpoint(tokens: string[], expiresIn = 86_400) {
  const bodies: URLSearchParams[] = [];
  let n = 0;
  const scope = nock(ORIGIN)
    .post("/oauth/token")
    .times(tokens.length)
    .delay(20)
    .reply(function (_uri, body) {
      bodies.push(new URLSearchParams(body as string));
      return [200, { access_token: tokens[n++], token_type: "Bearer", expires_in: expiresIn }];
    });
  return { scope, bodies };
}

describe("the client-credentials token provider", () => {
  it("makes exactly one token request for 200 concurrent first calls, and uses the token on each", async () => {
    const { bodies } = tokenEndpoint(["tok-1"]);
    const api = nock(ORIGIN, { reqheaders: { authorization: "Bearer tok-1" } }).get(/\/api\/v2\/users\/.*/).times(200).reply(200, { ok: true });
    const client = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "csecret" });
    await Promise.all(Array.from({ length: 200 }, (_, i) => client.users.get(`u${i}`)));
    expect(bodies).toHaveLength(1);
    expect(api.isDone()).toBe(true);
  });

  it("sends the grant like v5: form-encoded client_id, audience (default https://{domain}/api/v2/), client_secret, grant_type", async () => {
    let raw = "";
    nock(ORIGIN, { reqheaders: { "content-type": "application/x-www-form-urlencoded" } })
      .post("/oauth/token", (body) => ((raw = new URLSearchParams(body).toString()), true))
      .reply(200, { access_token: "t", expires_in: 60 });
    nock(ORIGIN).get("/api/v2/users/u").reply(200, {});
    await new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "c s" }).users.get("u");
    expect(raw).toBe(`client_id=cid&audience=${encodeURIComponent(`${ORIGIN}/api/v2/`)}&client_secret=c+s&grant_type=client_credentials`);
  });

  it("uses a custom audience, and never forwards the client's custom headers to the token endpoint", async () => {
    const { bodies } = tokenEndpoint(["t"]);
    nock(ORIGIN).get("/api/v2/users/u").reply(200, {});
    const seen: string[] = [];
    const client = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "s", audience: "https://custom/api", headers: { "x-app": "mine" } });
    client.lifecycle.hook("request:start", ({ request }) => void seen.push(`${request.url.pathname}:${request.headers["x-app"] ?? "-"}`));
    await client.users.get("u");
    expect(bodies[0]!.get("audience")).toBe("https://custom/api");
    expect(seen).toEqual(["/api/v2/users/u:mine", "/oauth/token:-"]);
  });

  it("refreshes the token 10 s before it expires", async () => {
    const { bodies } = tokenEndpoint(["short", "long"], 5); // expires within the 10 s margin: stale at once
    nock(ORIGIN).get("/api/v2/users/a").reply(200, {}).get("/api/v2/users/b").reply(200, {});
    const client = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "s" });
    await client.users.get("a");
    await client.users.get("b");
    expect(bodies).toHaveLength(2);
  });

  it("on a 401 from the API drops the token and replays the call once with a fresh one", async () => {
    tokenEndpoint(["revoked", "fresh"]);
    nock(ORIGIN)
      .get("/api/v2/users/u").matchHeader("authorization", "Bearer revoked").reply(401, { message: "Invalid token" })
      .get("/api/v2/users/u").matchHeader("authorization", "Bearer fresh").reply(200, { user_id: "u" });
    const client = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "s" });
    expect(await client.users.get("u")).toEqual({ user_id: "u" });
  });

  it("does not replay a 401 with a fixed token (nothing to refresh)", async () => {
    const scope = nock(ORIGIN).get("/api/v2/users/u").reply(401, { message: "Invalid token" });
    await expect(new ManagementClient({ domain: DOMAIN, token: "fixed" }).users.get("u")).rejects.toMatchObject({ name: "UnauthorizedError", statusCode: 401 });
    scope.done();
  });

  it("retries the token request after a 500 (a second grant is harmless), like an idempotent request", async () => {
    nock(ORIGIN).post("/oauth/token").reply(500, { error: "server_error" }).post("/oauth/token").reply(200, { access_token: "t2", expires_in: 60 });
    nock(ORIGIN).get("/api/v2/users/u").matchHeader("authorization", "Bearer t2").reply(200, { ok: true });
    const client = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "s" });
    const { retry } = await import("../../src/middleware/retry.js");
    client.pipeline.replace("retry", retry({ sleep: async () => undefined, hooks: client.lifecycle }));
    expect(await client.users.get("u")).toEqual({ ok: true });
  });

  it("reports a token-endpoint failure as such, not as an API 401", async () => {
    nock(ORIGIN).post("/oauth/token").reply(401, { error: "access_denied", error_description: "Unauthorized" });
    const api = nock(ORIGIN).get("/api/v2/users/u").reply(200, {});
    const error = await new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "wrong" }).users.get("u").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenEndpointError);
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ error: "access_denied", statusCode: 401 });
    expect((error as Error).message).toMatch(/token endpoint https:\/\/tenant\.example\.com\/oauth\/token refused/);
    expect((error as Error).message).not.toContain("wrong");
    expect(api.isDone()).toBe(false);
  });

  it("keeps tokens in a pluggable cache: a fresh cached token is used without a request, and a 401 deletes it", async () => {
    const store = new Map<string, CachedToken>();
    const calls: string[] = [];
    const cache: TokenCache = {
      get: async (key) => (calls.push(`get ${key}`), store.get(key)),
      set: async (key, token) => void (calls.push(`set ${token.accessToken}`), store.set(key, token)),
      delete: async (key) => void (calls.push("delete"), store.delete(key)),
    };
    const key = await tokenCacheKey(ORIGIN, { clientId: "cid", clientSecret: "s" }, `${ORIGIN}/api/v2/`);
    store.set(key, { accessToken: "shared", expiresAt: Date.now() + 3_600_000 });
    nock(ORIGIN).get("/api/v2/users/u").matchHeader("authorization", "Bearer shared").reply(401, {});
    tokenEndpoint(["new"]);
    nock(ORIGIN).get("/api/v2/users/u").matchHeader("authorization", "Bearer new").reply(200, { ok: 1 });
    const client = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "s", tokenCache: cache });
    expect(await client.users.get("u")).toEqual({ ok: 1 });
    expect(calls).toEqual([`get ${key}`, "delete", `get ${key}`, "set new"]);
    expect(store.get(key)?.accessToken).toBe("new");
  });

  it(`"A cached token is never shared between different credentials, and a cache key never contains one": clients differing only in their secret never share a token`, async () => {
    const seen: Array<string | undefined> = [];
    nock(ORIGIN)
      .post("/oauth/token")
      .times(2)
      .reply((_uri, body) => {
        const secret = new URLSearchParams(body as string).get("client_secret") ?? undefined;
        seen.push(secret);
        return [200, { access_token: `token-for-${secret}`, expires_in: 86_400 }];
      });
    nock(ORIGIN).get("/api/v2/users/u").times(2).reply(function () {
      return [200, { authorization: this.req.headers.authorization }];
    });
    const shared = memoryTokenCache();
    const keys: string[] = [];
    const cache: TokenCache = { ...shared, set: (key, token) => (keys.push(key), shared.set(key, token)) };
    const right = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "right-secret", tokenCache: cache });
    const revoked = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "revoked-secret", tokenCache: cache });
    expect(await right.users.get("u")).toEqual({ authorization: "Bearer token-for-right-secret" });
    expect(await revoked.users.get("u")).toEqual({ authorization: "Bearer token-for-revoked-secret" });
    expect(seen).toEqual(["right-secret", "revoked-secret"]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^auth0:token:${ORIGIN.replace(/\./g, "\\.")}:cid:${ORIGIN.replace(/\./g, "\\.")}/api/v2/:[0-9a-f]{16}$`));
      expect(key).not.toContain("secret");
    }
  });

  it("fingerprints the assertion key too: another signing key or algorithm is another cache entry", async () => {
    const base = { clientId: "cid" };
    const keys = await Promise.all([
      tokenCacheKey(ORIGIN, { ...base, clientAssertionSigningKey: "pem-1" }, "aud"),
      tokenCacheKey(ORIGIN, { ...base, clientAssertionSigningKey: "pem-2" }, "aud"),
      tokenCacheKey(ORIGIN, { ...base, clientAssertionSigningKey: "pem-1", clientAssertionSigningAlg: "PS256" }, "aud"),
      tokenCacheKey(ORIGIN, { ...base, clientSecret: "pem-1" }, "aud"),
      tokenCacheKey(`https://other.example.com`, { ...base, clientSecret: "pem-1" }, "aud"),
    ]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await tokenCacheKey(ORIGIN, { ...base, clientAssertionSigningKey: "pem-1" }, "aud")).toBe(keys[0]);
    for (const key of keys) expect(key).not.toContain("pem");
  });

  it("passes the rejected token to the cache's delete, and the default cache keeps a token stored in its place", async () => {
    const deleted: Array<string | undefined> = [];
    const memory = memoryTokenCache();
    const cache: TokenCache = { get: memory.get, set: memory.set, delete: (key, token) => (deleted.push(token), memory.delete(key, token)) };
    tokenEndpoint(["revoked", "fresh"]);
    nock(ORIGIN)
      .get("/api/v2/users/u").matchHeader("authorization", "Bearer revoked").reply(401, {})
      .get("/api/v2/users/u").matchHeader("authorization", "Bearer fresh").reply(200, {});
    await new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "s", tokenCache: cache }).users.get("u");
    expect(deleted).toEqual(["revoked"]);
    memory.set("k", { accessToken: "successor", expiresAt: Date.now() + 60_000 });
    memory.delete("k", "revoked");
    expect(memory.get("k")).toMatchObject({ accessToken: "successor" });
  });

  describe("with a cache that has getOrFetch (a shared cache deciding who fetches)", () => {
    let KEY = "";
    beforeAll(async () => {
      KEY = await tokenCacheKey(ORIGIN, { clientId: "cid", clientSecret: "s" }, `${ORIGIN}/api/v2/`);
    });
    /** One store and one fetch in flight for every client given it, as a fleet's shared cache would have. */
    function sharedCache(initial?: CachedToken) {
      const store = new Map<string, CachedToken>(initial ? [[KEY, initial]] : []);
      const inFlight = new Map<string, Promise<CachedToken>>();
      const log = { getOrFetch: 0, fetched: 0, getOrSet: 0, deleted: [] as Array<string | undefined>, options: [] as TokenCacheFetchOptions[] };
      const cache: TokenCache = {
        get: () => void (log.getOrSet += 1),
        set: () => void (log.getOrSet += 1),
        delete: (key, token) => {
          log.deleted.push(token);
          if (store.get(key)?.accessToken === token) store.delete(key);
        },
        async getOrFetch(key, fetch, options) {
          log.getOrFetch += 1;
          log.options.push(options);
          const stored = store.get(key);
          if (stored !== undefined && options.isFresh(stored)) return stored;
          let pending = inFlight.get(key);
          if (pending === undefined) {
            log.fetched += 1;
            pending = fetch().then((token) => (store.set(key, token), token)).finally(() => inFlight.delete(key));
            inFlight.set(key, pending);
          }
          return pending;
        },
      };
      return { cache, store, log };
    }
    const client = (cache: TokenCache) => new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "s", tokenCache: cache });

    it("uses getOrFetch instead of get and set, once for 50 concurrent calls, its fetch being the token request", async () => {
      const { bodies } = tokenEndpoint(["tok"]);
      nock(ORIGIN).get(/\/api\/v2\/users\/.*/).times(50).matchHeader("authorization", "Bearer tok").reply(200, {});
      const { cache, store, log } = sharedCache();
      const management = client(cache);
      await Promise.all(Array.from({ length: 50 }, (_, i) => management.users.get(`u${i}`)));
      expect(bodies).toHaveLength(1);
      expect(log).toMatchObject({ getOrFetch: 1, fetched: 1, getOrSet: 0 });
      expect(store.get(KEY)?.accessToken).toBe("tok");
    });

    it("fetches once for clients sharing it, and fires token:refreshed only in the client whose fetch ran", async () => {
      const { bodies } = tokenEndpoint(["tok"]);
      nock(ORIGIN).get("/api/v2/users/u").times(3).reply(200, {});
      const { cache, log } = sharedCache();
      const clients = [client(cache), client(cache), client(cache)];
      const refreshed: number[] = [];
      clients.forEach((management, index) => management.lifecycle.hook("token:refreshed", () => void refreshed.push(index)));
      await Promise.all(clients.map((management) => management.users.get("u")));
      expect(bodies).toHaveLength(1);
      expect(log).toMatchObject({ getOrFetch: 3, fetched: 1 });
      expect(refreshed).toEqual([0]);
    });

    it("uses a fresh stored token without a request or token:refreshed, and judges freshness with the 10 s margin", async () => {
      const { cache, log } = sharedCache({ accessToken: "stored", expiresAt: Date.now() + 60_000 });
      const api = nock(ORIGIN).get("/api/v2/users/u").matchHeader("authorization", "Bearer stored").reply(200, {});
      const management = client(cache);
      const refreshed: unknown[] = [];
      management.lifecycle.hook("token:refreshed", (event) => void refreshed.push(event));
      await management.users.get("u");
      expect(api.isDone()).toBe(true);
      expect(refreshed).toEqual([]);
      const { isFresh } = log.options[0]!;
      expect(isFresh({ accessToken: "t", expiresAt: Date.now() + 11_000 })).toBe(true);
      expect(isFresh({ accessToken: "t", expiresAt: Date.now() + 9_000 })).toBe(false);
    });

    it("on a 401 passes the rejected token to delete, and never takes it back as fresh", async () => {
      const { cache, log } = sharedCache({ accessToken: "revoked", expiresAt: Date.now() + 3_600_000 });
      cache.delete = (_key, token) => void log.deleted.push(token); // a cache that has not dropped it yet when the replay asks
      tokenEndpoint(["fresh"]);
      nock(ORIGIN)
        .get("/api/v2/users/u").matchHeader("authorization", "Bearer revoked").reply(401, {})
        .get("/api/v2/users/u").matchHeader("authorization", "Bearer fresh").reply(200, { ok: 1 });
      expect(await client(cache).users.get("u")).toEqual({ ok: 1 });
      expect(log.deleted).toEqual(["revoked"]);
      expect(log).toMatchObject({ getOrFetch: 2, fetched: 1 });
    });

    it("passes on the token endpoint's error that the cache rethrows from fetch", async () => {
      nock(ORIGIN).post("/oauth/token").reply(401, { error: "access_denied", error_description: "Unauthorized" });
      const { cache } = sharedCache();
      await expect(client(cache).users.get("u")).rejects.toBeInstanceOf(TokenEndpointError);
    });
  });

  it.each(["RS256", "PS256", "ES256"] as const)("authenticates with a private_key_jwt assertion (%s, RFC 7523)", async (alg) => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const pem = await exportPKCS8(privateKey);
    let form = new URLSearchParams();
    nock(ORIGIN).post("/oauth/token", (body) => ((form = new URLSearchParams(body)), true)).reply(200, { access_token: "t", expires_in: 60 });
    nock(ORIGIN).get("/api/v2/users/u").reply(200, {});
    await new ManagementClient({ domain: DOMAIN, clientId: "cid", clientAssertionSigningKey: pem, clientAssertionSigningAlg: alg }).users.get("u");
    expect(form.get("client_secret")).toBeNull();
    expect(form.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const verified = await jwtVerify(form.get("client_assertion")!, await importSPKI(await exportSPKI(publicKey), alg), { audience: `${ORIGIN}/`, issuer: "cid", subject: "cid" });
    expect(verified.protectedHeader.alg).toBe(alg);
    expect(typeof verified.payload.jti).toBe("string");
    expect(verified.payload.exp! - verified.payload.iat!).toBe(120);
  });

  it("with useMTLS asks https://mtls.{domain}/oauth/token", async () => {
    const scope = nock(`https://mtls.${DOMAIN}`).post("/oauth/token").reply(200, { access_token: "t", expires_in: 60 });
    nock(ORIGIN).get("/api/v2/users/u").reply(200, {});
    await new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "s", useMTLS: true }).users.get("u");
    scope.done();
  });

  it("tells token:refreshed observers the audience and expiry, never the token", async () => {
    tokenEndpoint(["secret-token"]);
    nock(ORIGIN).get("/api/v2/users/u").reply(200, {});
    const client = new ManagementClient({ domain: DOMAIN, clientId: "cid", clientSecret: "s" });
    const events: unknown[] = [];
    client.lifecycle.hook("token:refreshed", (event) => void events.push(event));
    await client.users.get("u");
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain("secret-token");
    expect(events[0]).toMatchObject({ audience: `${ORIGIN}/api/v2/` });
  });

  it("rejects incomplete credentials at construction", () => {
    expect(() => new ManagementClient({ domain: DOMAIN } as never)).toThrow(/Give either "token"/);
    expect(() => new ManagementClient({ domain: DOMAIN, clientId: "cid" } as never)).toThrow(/needs "clientSecret"/);
  });
});
