import { IdTokenValidatorError } from "../errors.js";
import type { IDTokenValidateOptions } from "./options.js";

/** What the client expects of every ID token, plus the call's own expectations. */
export interface ClaimExpectations extends IDTokenValidateOptions {
  readonly issuer: string;
  readonly clientId: string;
  /** Leeway for the time claims, in seconds. */
  readonly clockTolerance: number;
}

/**
 * The OpenID Connect claim checks, in v5's order and with its messages, plus what v5 left out: `iat` and `nbf` in
 * the future, `azp` when present with a single audience, and the organization compared by value. Throws
 * `IdTokenValidatorError` at the first failure. `now` is in seconds.
 */
export function checkClaims(claims: Record<string, unknown>, expected: ClaimExpectations, now: number): void {
  const { issuer, clientId, clockTolerance: leeway } = expected;

  if (typeof claims.iss !== "string" || claims.iss === "") fail("Issuer (iss) claim must be a string present in the ID token");
  if (claims.iss !== issuer) fail(`Issuer (iss) claim mismatch in the ID token; expected "${issuer}", found "${claims.iss}"`);

  if (typeof claims.sub !== "string" || claims.sub === "") fail("Subject (sub) claim must be a string present in the ID token");

  const aud = claims.aud;
  if (!(typeof aud === "string" && aud !== "") && !(Array.isArray(aud) && aud.length > 0)) {
    fail("Audience (aud) claim must be a string or array of strings present in the ID token");
  }
  if (Array.isArray(aud) && !aud.includes(clientId)) {
    fail(`Audience (aud) claim mismatch in the ID token; expected "${clientId}" but was not one of "${aud.join(", ")}"`);
  }
  if (typeof aud === "string" && aud !== clientId) {
    fail(`Audience (aud) claim mismatch in the ID token; expected "${clientId}" but found "${aud}"`);
  }

  checkOrganization(claims, expected.organization);

  if (typeof claims.exp !== "number") fail("Expiration Time (exp) claim must be a number present in the ID token");
  const expiresAt = claims.exp + leeway;
  if (now > expiresAt) {
    fail(`Expiration Time (exp) claim error in the ID token; current time (${now}) is after expiration time (${expiresAt})`);
  }

  if (typeof claims.iat !== "number") fail("Issued At (iat) claim must be a number present in the ID token");
  if (claims.iat > now + leeway) {
    fail(`Issued At (iat) claim error in the ID token; current time (${now}) is before the time the token was issued (${claims.iat})`);
  }

  if (claims.nbf !== undefined) {
    if (typeof claims.nbf !== "number") fail("Not Before (nbf) claim must be a number when present in the ID token");
    if (claims.nbf > now + leeway) {
      fail(`Not Before (nbf) claim error in the ID token; current time (${now}) is before the not-before time (${claims.nbf})`);
    }
  }

  if (expected.nonce !== undefined || claims.nonce !== undefined) {
    if (typeof claims.nonce !== "string" || claims.nonce === "") fail("Nonce (nonce) claim must be a string present in the ID token");
    if (claims.nonce !== expected.nonce) {
      fail(`Nonce (nonce) claim mismatch in the ID token; expected "${expected.nonce}", found "${claims.nonce}"`);
    }
  }

  if (Array.isArray(aud) && aud.length > 1) {
    if (typeof claims.azp !== "string" || claims.azp === "") {
      fail("Authorized Party (azp) claim must be a string present in the ID token when Audience (aud) claim has multiple values");
    }
  }
  if (claims.azp !== undefined && claims.azp !== clientId) {
    fail(`Authorized Party (azp) claim mismatch in the ID token; expected "${clientId}", found "${String(claims.azp)}"`);
  }

  if (expected.maxAge !== undefined) {
    if (typeof claims.auth_time !== "number") {
      fail("Authentication Time (auth_time) claim must be a number present in the ID token when Max Age (max_age) is specified");
    }
    const authValidUntil = claims.auth_time + expected.maxAge + leeway;
    if (now > authValidUntil) {
      fail(
        `Authentication Time (auth_time) claim in the ID token indicates that too much time has passed since the last end-user authentication. Current time (${now}) is after last auth at ${authValidUntil}`,
      );
    }
  }
}

/** `org_…` is an organization id, compared exactly with `org_id`; anything else a name, compared with `org_name` ignoring case. */
function checkOrganization(claims: Record<string, unknown>, organization: string | undefined): void {
  if (!organization) return;
  if (organization.startsWith("org_")) {
    if (typeof claims.org_id !== "string" || claims.org_id === "") {
      fail("Organization Id (org_id) claim must be a string present in the ID token");
    }
    if (claims.org_id !== organization) {
      fail(`Organization Id (org_id) claim value mismatch in the ID token; expected "${organization}", found "${claims.org_id}"`);
    }
  } else {
    if (typeof claims.org_name !== "string" || claims.org_name === "") {
      fail("Organization Name (org_name) claim must be a string present in the ID token");
    }
    if (claims.org_name.toLowerCase() !== organization.toLowerCase()) {
      fail(`Organization Name (org_name) claim value mismatch in the ID token; expected "${organization}", found "${claims.org_name}"`);
    }
  }
}

function fail(message: string): never {
  throw new IdTokenValidatorError(message);
}
