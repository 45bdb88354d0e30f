import type { ApiRequester } from "./api-requester.js";
import { addClientAuthentication, type ClientCredentials } from "./client-authentication.js";
import type { IdTokenVerifier } from "./id-token/verifier.js";

/** What the endpoint groups of an `AuthenticationClient` share. */
export interface AuthContext {
  readonly requester: ApiRequester;
  readonly clientId: string;
  readonly credentials: ClientCredentials;
  /** `https://{domain}` (or the loopback origin given for tests). */
  readonly origin: string;
  /** Where `oauth.*` calls go: `https://mtls.{domain}` with `useMTLS`, else `origin`. */
  readonly oauthOrigin: string;
  readonly idTokens: IdTokenVerifier;
}

/**
 * A copy of the caller's parameters with client authentication appended (v5 changed the caller's object in place;
 * a copy keeps the client secret out of it). The assertion's audience is the host the request goes to.
 */
export async function withClientAuthentication(
  context: AuthContext,
  parameters: object | null | undefined,
  origin: string,
): Promise<Record<string, unknown>> {
  const payload: Record<string, unknown> = { ...(parameters ?? {}) };
  await addClientAuthentication(payload, context.credentials, `${origin}/`);
  return payload;
}
