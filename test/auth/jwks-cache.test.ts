import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { IdTokenValidatorError } from "../../src/auth/errors.js";
import { JwksCache } from "../../src/auth/id-token/jwks-cache.js";
import type { PipelineMiddleware } from "../../src/core/pipeline.js";
import { startLoopbackServer } from "../helpers/loopback-server.js";
import { ORIGIN, authClient, rejectionOf } from "./support.js";
import { rsaKey, serveJwks, signRs256, validClaims, type TenantKey } from "./id-tokens.js";

afterEach(() => nock.cleanAll());

let first: TenantKey;
let second: TenantKey;
beforeAll(async () => {
  first = await rsaKey("first");
  second = await rsaKey("second");
});

describe("the tenant's key set, through the client", () => {
  it("is fetched once and cached", async () => {
    const jwks = serveJwks(() => [first]);
    const client = authClient();
    for (let i = 0; i < 3; i++) await client.oauth.idTokenValidator.validate(await signRs256(validClaims(), first));
    expect(jwks.count()).toBe(1);
  });

  it("is fetched through the client's chain: middleware, constructor headers and a custom fetch all apply", async () => {
    const seen: string[] = [];
    const spy: PipelineMiddleware = async (request, next) => {
      seen.push(`${request.method} ${request.url.pathname}`);
      return next(request);
    };
    const fetched: Array<{ url: string; headers: Headers }> = [];
    const client = authClient({
      headers: { "x-tenant-proxy": "yes" },
      middleware: [spy],
      fetch: async (url, init) => {
        fetched.push({ url, headers: new Headers(init.headers) });
        return new Response(JSON.stringify({ keys: [first.jwk] }), { headers: { "content-type": "application/json" } });
      },
    });
    await client.oauth.idTokenValidator.validate(await signRs256(validClaims(), first));
    expect(seen).toEqual(["GET /.well-known/jwks.json"]);
    expect(fetched[0]!.url).toBe(`${ORIGIN}/.well-known/jwks.json`);
    expect(fetched[0]!.headers.get("x-tenant-proxy")).toBe("yes");
  });

  it("picks up a rotated key: an unknown kid triggers one refetch, and the token is then accepted", async () => {
    let published = [first];
    const jwks = serveJwks(() => published);
    const client = authClient();
    await client.oauth.idTokenValidator.validate(await signRs256(validClaims(), first));
    published = [first, second];
    await expect(client.oauth.idTokenValidator.validate(await signRs256(validClaims(), second))).resolves.toBeUndefined();
    expect(jwks.count()).toBe(2);
  });

  it("does not let a flood of unknown kids flood the tenant: at most one refetch per cooldown", async () => {
    const jwks = serveJwks(() => [first]);
    const client = authClient();
    await client.oauth.idTokenValidator.validate(await signRs256(validClaims(), first));
    const forged = await Promise.all(Array.from({ length: 25 }, (_, i) => signRs256(validClaims(), second, `forged-${i}`)));
    const concurrent = await Promise.all(forged.map((token) => rejectionOf(client.oauth.idTokenValidator.validate(token))));
    for (const token of forged) await rejectionOf(client.oauth.idTokenValidator.validate(token));
    expect(concurrent.every((error) => error instanceof IdTokenValidatorError)).toBe(true);
    expect(jwks.count()).toBe(2);
    // The tenant's real key still works from the cache.
    await client.oauth.idTokenValidator.validate(await signRs256(validClaims(), first));
    expect(jwks.count()).toBe(2);
  });

  it("fails with IdTokenValidatorError naming the status when the key set cannot be fetched", async () => {
    nock(ORIGIN).get("/.well-known/jwks.json").reply(503, "unavailable");
    const error = await rejectionOf(authClient().oauth.idTokenValidator.validate(await signRs256(validClaims(), first)));
    expect(error).toBeInstanceOf(IdTokenValidatorError);
    expect((error as Error).message).toBe("Could not get the tenant's JSON Web Key Set (HTTP 503)");
  });

  it(`"A key-set outage costs one request per cooldown, not one per token": 200 validations during a JWKS 503 make one JWKS request`, async () => {
    let requests = 0;
    nock(ORIGIN)
      .get("/.well-known/jwks.json")
      .times(500)
      .reply(() => {
        requests += 1;
        return [503, "unavailable"];
      });
    const client = authClient();
    const token = await signRs256(validClaims(), first);
    const errors = await Promise.all(Array.from({ length: 100 }, () => rejectionOf(client.oauth.idTokenValidator.validate(token))));
    for (let i = 0; i < 100; i++) errors.push(await rejectionOf(client.oauth.idTokenValidator.validate(token)));
    expect(errors.every((error) => error instanceof IdTokenValidatorError && (error as Error).message.includes("HTTP 503"))).toBe(true);
    expect(requests).toBe(1);
  });

  it("derives the issuer and the key set URL from a loopback domain (http://127.0.0.1:PORT)", async () => {
    const server = await startLoopbackServer();
    try {
      const idToken = await signRs256(validClaims({ iss: `${server.domain}/` }), first);
      server.handle((request, response) => {
        response.setHeader("content-type", "application/json");
        if (request.url === "/.well-known/jwks.json") return void response.end(JSON.stringify({ keys: [first.jwk] }));
        response.end(JSON.stringify({ access_token: "at", id_token: idToken }));
      });
      const client = authClient({ domain: server.domain });
      await expect(client.oauth.passwordGrant({ username: "u", password: "p" })).resolves.toMatchObject({ data: { id_token: idToken } });
      expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual(["POST /oauth/token", "GET /.well-known/jwks.json"]);
    } finally {
      await server.close();
    }
  });
});

describe("JwksCache", () => {
  const keySet = (...keys: TenantKey[]) => ({ keys: keys.map((key) => key.jwk) });

  function cache(body: () => unknown, options: { cooldownMs?: number; maxAgeMs?: number; failureCooldownMs?: number } = {}) {
    let now = 1_000_000;
    let fetches = 0;
    const jwks = new JwksCache(
      async () => {
        fetches += 1;
        return body();
      },
      { ...options, now: () => now },
    );
    return { jwks, fetches: () => fetches, advance: (ms: number) => void (now += ms) };
  }

  it("allows another refetch once the cooldown has passed", async () => {
    const { jwks, fetches, advance } = cache(() => keySet(first), { cooldownMs: 30_000 });
    await jwks.keyFor("first", "RS256");
    await rejectionOf(jwks.keyFor("unknown", "RS256"));
    await rejectionOf(jwks.keyFor("unknown", "RS256"));
    expect(fetches()).toBe(2);
    advance(30_000);
    await rejectionOf(jwks.keyFor("unknown", "RS256"));
    expect(fetches()).toBe(3);
  });

  it("refetches keys older than maxAge on next use", async () => {
    const { jwks, fetches, advance } = cache(() => keySet(first), { maxAgeMs: 60_000 });
    await jwks.keyFor("first", "RS256");
    advance(59_000);
    await jwks.keyFor("first", "RS256");
    advance(2_000);
    await jwks.keyFor("first", "RS256");
    expect(fetches()).toBe(2);
  });

  it("shares one fetch among concurrent callers", async () => {
    const { jwks, fetches } = cache(() => keySet(first, second));
    await Promise.all([jwks.keyFor("first", "RS256"), jwks.keyFor("second", "RS256"), jwks.keyFor("first", "RS256")]);
    expect(fetches()).toBe(1);
  });

  it("does not refetch right after the first fetch found no such key", async () => {
    const { jwks, fetches } = cache(() => keySet(first));
    await rejectionOf(jwks.keyFor("unknown", "RS256"));
    expect(fetches()).toBe(1);
  });

  it("ignores keys of another type, use or algorithm", async () => {
    const encryption = { ...first.jwk, kid: "enc", use: "enc" };
    const ps256 = { ...first.jwk, kid: "ps", alg: "PS256" };
    const { jwks } = cache(() => ({ keys: [encryption, ps256, second.jwk] }));
    expect((await jwks.keyFor(undefined, "RS256")).kid).toBe("second");
    await expect(jwks.keyFor("enc", "RS256")).rejects.toThrow(/No key with id \(kid\) "enc"/);
  });

  it("rejects a key set that is not { keys: [...] }, and tries again once the failure cooldown has passed", async () => {
    let body: unknown = { nope: true };
    const { jwks, fetches, advance } = cache(() => body, { failureCooldownMs: 5_000 });
    await expect(jwks.keyFor("first", "RS256")).rejects.toThrow(/not a JSON object with a `keys` array/);
    body = keySet(first);
    await expect(jwks.keyFor("first", "RS256")).rejects.toThrow(/not a JSON object with a `keys` array/);
    expect(fetches()).toBe(1);
    advance(5_000);
    await expect(jwks.keyFor("first", "RS256")).resolves.toMatchObject({ kid: "first" });
    expect(fetches()).toBe(2);
  });

  it("remembers a failed fetch for the failure cooldown: an outage costs one request per cooldown, not one per token", async () => {
    let up = false;
    const { jwks, fetches, advance } = cache(
      () => {
        if (!up) throw new IdTokenValidatorError("Could not get the tenant's JSON Web Key Set (HTTP 503)");
        return keySet(first);
      },
      { failureCooldownMs: 5_000 },
    );
    const errors = await Promise.all(Array.from({ length: 100 }, () => rejectionOf(jwks.keyFor("first", "RS256"))));
    for (let i = 0; i < 100; i++) errors.push(await rejectionOf(jwks.keyFor("first", "RS256")));
    expect(errors.every((error) => error instanceof IdTokenValidatorError && /HTTP 503/.test(error.message))).toBe(true);
    expect(fetches()).toBe(1);
    up = true;
    advance(4_999);
    await rejectionOf(jwks.keyFor("first", "RS256"));
    expect(fetches()).toBe(1);
    advance(1);
    await expect(jwks.keyFor("first", "RS256")).resolves.toMatchObject({ kid: "first" });
    expect(fetches()).toBe(2);
  });

  it("keeps using the keys it has when a refresh of stale keys fails", async () => {
    let up = true;
    const { jwks, fetches, advance } = cache(
      () => {
        if (!up) throw new IdTokenValidatorError("Could not get the tenant's JSON Web Key Set (HTTP 503)");
        return keySet(first);
      },
      { maxAgeMs: 60_000 },
    );
    await jwks.keyFor("first", "RS256");
    up = false;
    advance(61_000);
    await expect(jwks.keyFor("first", "RS256")).resolves.toMatchObject({ kid: "first" });
    await expect(jwks.keyFor("first", "RS256")).resolves.toMatchObject({ kid: "first" });
    expect(fetches()).toBe(2);
  });
});
