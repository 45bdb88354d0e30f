import type { JWK } from "jose";
import { IdTokenValidatorError } from "../errors.js";
import { assertWebCrypto } from "../webcrypto.js";
import { checkIdTokenValidateOptions } from "./check-options.js";
import { checkClaims } from "./claims.js";
import type { JwksCache } from "./jwks-cache.js";
import type { IDTokenValidateOptions, IDTokenValidator } from "./options.js";

/** The algorithms an ID token may be signed with; the client accepts exactly the one configured. */
export type IdTokenSigningAlg = "RS256" | "HS256";

export interface IdTokenVerifierSettings {
  /** `https://{domain}/`. */
  readonly issuer: string;
  readonly clientId: string;
  /** The HS256 key. */
  readonly clientSecret: string | undefined;
  readonly alg: IdTokenSigningAlg;
  /** Seconds. */
  readonly clockTolerance: number;
  /** The RS256 keys. */
  readonly jwks: JwksCache;
  readonly now?: () => number;
}

/**
 * Validates ID tokens the way an OpenID Connect relying party must: only the configured algorithm (never `none`, and
 * never HS256 when RS256 is configured, so a public key cannot be used as an HMAC secret), the claims (see
 * `checkClaims`), then the signature, against the tenant's JWKS (RS256) or the client secret (HS256).
 * jose is loaded on the first validation, not when the package is imported.
 */
export class IdTokenVerifier implements IDTokenValidator {
  readonly #settings: IdTokenVerifierSettings;
  readonly #imported = new WeakMap<JWK, CryptoKey | Uint8Array>();

  constructor(settings: IdTokenVerifierSettings) {
    this.#settings = settings;
  }

  async validate(idToken: string, given?: IDTokenValidateOptions): Promise<void> {
    const { alg, issuer, clientId, clockTolerance } = this.#settings;
    const options = checkIdTokenValidateOptions(given, "options");
    if (typeof idToken !== "string" || idToken === "") throw new IdTokenValidatorError("ID token is required but missing");
    assertWebCrypto("ID-token validation");
    const jose = await import("jose");
    let header: { alg?: string | undefined; kid?: string | undefined };
    let claims: Record<string, unknown>;
    try {
      header = jose.decodeProtectedHeader(idToken);
      claims = jose.decodeJwt(idToken);
    } catch {
      throw new IdTokenValidatorError("The ID token is not a well-formed JWT");
    }
    if (header.alg !== alg) {
      throw new IdTokenValidatorError(`Signature algorithm of "${header.alg}" is not supported. Expected the ID token to be signed with "${alg}".`);
    }

    const now = Math.floor((this.#settings.now ?? Date.now)() / 1000);
    checkClaims(claims, { ...options, issuer, clientId, clockTolerance }, now);

    const key = await this.#verificationKey(header.kid, jose.importJWK);
    try {
      await jose.compactVerify(idToken, key, { algorithms: [alg] });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      throw new IdTokenValidatorError(
        code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"
          ? "Invalid ID token signature"
          : `The ID token signature could not be verified: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async #verificationKey(kid: string | undefined, importJWK: (jwk: JWK, alg: string) => Promise<CryptoKey | Uint8Array>): Promise<CryptoKey | Uint8Array> {
    const { alg, clientSecret, jwks } = this.#settings;
    if (alg === "HS256") {
      if (!clientSecret) throw new IdTokenValidatorError("HS256-signed ID tokens are verified with the client secret: configure clientSecret");
      return new TextEncoder().encode(clientSecret);
    }
    const jwk = await jwks.keyFor(kid, alg);
    let key = this.#imported.get(jwk);
    if (key === undefined) {
      try {
        key = await importJWK(jwk, alg);
      } catch (error) {
        throw new IdTokenValidatorError(`The tenant's key "${jwk.kid ?? ""}" is not a usable ${alg} public key`, { cause: error });
      }
      this.#imported.set(jwk, key);
    }
    return key;
  }
}
