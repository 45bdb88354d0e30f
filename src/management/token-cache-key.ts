import type { ClientCredentials } from "../auth/client-authentication.js";
import { requireGlobals } from "../core/runtime-features.js";

/**
 * The key a client-credentials token is cached under: `auth0:token:<origin>:<clientId>:<audience>:<fingerprint>`.
 * The fingerprint is the first 16 hex digits of a SHA-256 over the tenant, the client id and the credential the
 * token request authenticates with (secret, or assertion key and algorithm), so a client configured with a wrong or
 * revoked secret is never served the token another client fetched with the right one. It is one-way: the key, which
 * a shared cache stores in plain sight, never carries the credential.
 */
export async function tokenCacheKey(origin: string, credentials: ClientCredentials, audience: string): Promise<string> {
  return `auth0:token:${origin}:${credentials.clientId}:${audience}:${await credentialFingerprint(origin, credentials)}`;
}

async function credentialFingerprint(origin: string, credentials: ClientCredentials): Promise<string> {
  // The same precedence as the token request: an assertion key wins over a secret.
  const credential = credentials.clientAssertionSigningKey
    ? `private_key_jwt\n${credentials.clientAssertionSigningAlg ?? "RS256"}\n${credentials.clientAssertionSigningKey}`
    : credentials.clientSecret
      ? `client_secret\n${credentials.clientSecret}`
      : credentials.useMTLS
        ? "tls_client_auth"
        : "none";
  requireGlobals("A tokenCache key (a SHA-256 fingerprint)", ["crypto.subtle", "TextEncoder"]);
  const input = new TextEncoder().encode(`${origin}\n${credentials.clientId}\n${credential}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", input));
  let hex = "";
  for (const byte of digest.subarray(0, 8)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
