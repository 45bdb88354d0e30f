import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import nock from "nock";
import { CLIENT_ID, ORIGIN } from "./support.js";

/** An RSA signing key of the test tenant, with its public JWK. */
export interface TenantKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function rsaKey(kid: string): Promise<TenantKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256" } };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The claims of a valid ID token for the test client, issued now. */
export function validClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return { iss: `${ORIGIN}/`, sub: "auth0|user-1", aud: CLIENT_ID, iat: now, exp: now + 3600, ...overrides };
}

/** `claims` signed RS256 with `key`; `kid: null` leaves the key id out of the header. */
export function signRs256(claims: Record<string, unknown>, key: TenantKey, kid: string | null = key.kid): Promise<string> {
  const header = kid === null ? { alg: "RS256" } : { alg: "RS256", kid };
  return new SignJWT(claims).setProtectedHeader(header).sign(key.privateKey);
}

export function signHs256(claims: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret));
}

/** An unsecured JWT (`alg: none`). */
export function unsigned(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "none" })}.${encode(claims)}.`;
}

/** The same token with its payload swapped for `claims` (the signature no longer matches). */
export function withPayload(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split(".");
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
}

/** Serve the JWKS from the test tenant; `count()` says how many times it was fetched. */
export function serveJwks(keys: () => readonly TenantKey[] | readonly JWK[], origin = ORIGIN): { count: () => number } {
  let fetched = 0;
  nock(origin)
    .get("/.well-known/jwks.json")
    .times(100)
    .reply(() => {
      fetched += 1;
      return [200, { keys: keys().map((key) => ("jwk" in key ? key.jwk : key)) }, { "content-type": "application/json" }];
    });
  return { count: () => fetched };
}
