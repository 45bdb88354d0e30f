import { InvalidInputError } from "../core/errors.js";
import { assertWebCrypto, randomUuid } from "./webcrypto.js";

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** How a confidential client proves who it is at the token endpoint. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  /** PKCS#8 PEM private key: `private_key_jwt` (RFC 7523) instead of a secret. */
  readonly clientAssertionSigningKey?: string | undefined;
  /** RS256 (default), PS256, ES256, … */
  readonly clientAssertionSigningAlg?: string | undefined;
  readonly useMTLS?: boolean | undefined;
}

/**
 * Add client authentication to a request payload, in v5's order: a signed client assertion when a signing key is
 * configured (and the caller did not bring one), else the client secret (unless the caller gave one). With neither,
 * and no mTLS, the request cannot succeed, so it is refused before it is sent.
 *
 * `payload` is changed in place; the new keys are appended, so they land after the caller's on the wire.
 */
export async function addClientAuthentication(
  payload: Record<string, unknown>,
  credentials: ClientCredentials,
  audience: string,
): Promise<void> {
  if (credentials.clientAssertionSigningKey && !payload.client_assertion) {
    const clientId = typeof payload.client_id === "string" && payload.client_id !== "" ? payload.client_id : credentials.clientId;
    payload.client_assertion = await signClientAssertion(credentials, clientId, audience);
    payload.client_assertion_type = CLIENT_ASSERTION_TYPE;
  } else if (credentials.clientSecret && !payload.client_secret) {
    payload.client_secret = credentials.clientSecret;
  }
  if (isBlank(payload.client_secret) && isBlank(payload.client_assertion) && !credentials.useMTLS) {
    throw new Error("The client_secret or client_assertion field is required, or it should be mTLS request.");
  }
}

function isBlank(value: unknown): boolean {
  return typeof value !== "string" || value.trim() === "";
}

/** RFC 7523 assertion: iss = sub = client id, aud = the tenant, a random jti, valid for two minutes. */
async function signClientAssertion(credentials: ClientCredentials, clientId: string, audience: string): Promise<string> {
  const alg = credentials.clientAssertionSigningAlg ?? "RS256";
  assertWebCrypto("private_key_jwt client authentication (clientAssertionSigningKey)", true);
  // jose is loaded only by clients that sign assertions, keeping it off the import path of everyone else.
  const { importPKCS8, CompactSign } = await import("jose");
  let key: CryptoKey;
  try {
    key = await importPKCS8(credentials.clientAssertionSigningKey!, alg);
  } catch {
    throw new InvalidInputError("clientAssertionSigningKey", `clientAssertionSigningKey is not a PKCS#8 PEM private key usable with ${alg}`);
  }
  // The claims serialised here and signed with CompactSign, not SignJWT: SignJWT copies its payload with
  // structuredClone, which React Native lacks.
  const iat = Math.floor(Date.now() / 1000);
  const claims = { iss: clientId, sub: clientId, aud: audience, iat, exp: iat + 120, jti: randomUuid() };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg }).sign(key);
}
