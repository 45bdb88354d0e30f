import type { JWK } from "jose";
import { IdTokenValidatorError } from "../errors.js";

export interface JwksCacheOptions {
  /** Keys older than this are fetched again on next use (default 10 minutes). */
  maxAgeMs?: number;
  /** At most one refetch for an unknown key id per this many milliseconds (default 30 s). */
  cooldownMs?: number;
  /** After a failed fetch (an outage, a malformed key set), no new fetch for this many milliseconds (default 5 s). */
  failureCooldownMs?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

/**
 * The tenant's signing keys, fetched on first use and kept. A token signed with a key id the cache does not know
 * triggers one refetch, so a key rotation is picked up at once; further unknown ids within the cooldown fail without
 * a request, so a flood of forged tokens cannot turn into a flood of JWKS requests. Concurrent callers share a fetch.
 * A failed fetch is remembered for `failureCooldownMs` (calls meanwhile fail with the same error, without a request),
 * so a JWKS outage costs the tenant one request per cooldown, not one per token; keys already held but past their
 * age are still used while a refresh fails.
 */
export class JwksCache {
  readonly #fetchKeySet: () => Promise<unknown>;
  readonly #maxAgeMs: number;
  readonly #cooldownMs: number;
  readonly #failureCooldownMs: number;
  readonly #now: () => number;
  #keys: JWK[] | undefined;
  #fetchedAt = 0;
  #lastRefetchAt = Number.NEGATIVE_INFINITY;
  #pending: Promise<JWK[]> | undefined;
  #failure: { readonly error: unknown; readonly at: number } | undefined;

  constructor(fetchKeySet: () => Promise<unknown>, options: JwksCacheOptions = {}) {
    this.#fetchKeySet = fetchKeySet;
    this.#maxAgeMs = options.maxAgeMs ?? 600_000;
    this.#cooldownMs = options.cooldownMs ?? 30_000;
    this.#failureCooldownMs = options.failureCooldownMs ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The key to verify a token signed with `alg` and key id `kid`. Without a `kid` the set must hold exactly one key
   * for `alg`: with several, picking one would be a guess (OpenID Connect Core §10.1 requires a `kid` then).
   */
  async keyFor(kid: string | undefined, alg: string): Promise<JWK> {
    const cached = this.#keys !== undefined && this.#now() - this.#fetchedAt < this.#maxAgeMs ? this.#keys : undefined;
    let key = pick(cached ?? (await this.#fetch()), kid, alg);
    // Keys fetched for this very call are as fresh as they get; only cached ones are worth a second look.
    if (key === undefined && cached !== undefined) {
      if (this.#pending !== undefined) {
        key = pick(await this.#pending, kid, alg);
      } else if (this.#now() - this.#lastRefetchAt >= this.#cooldownMs) {
        this.#lastRefetchAt = this.#now();
        key = pick(await this.#fetch(), kid, alg);
      }
    }
    if (key === undefined) {
      throw new IdTokenValidatorError(
        kid === undefined
          ? `The tenant's JSON Web Key Set has no key for ${alg}`
          : `No key with id (kid) "${kid}" for ${alg} in the tenant's JSON Web Key Set`,
      );
    }
    return key;
  }

  #fetch(): Promise<JWK[]> {
    if (this.#pending !== undefined) return this.#pending;
    const failure = this.#failure;
    if (failure !== undefined && this.#now() - failure.at < this.#failureCooldownMs) {
      return this.#keys !== undefined ? Promise.resolve(this.#keys) : Promise.reject(failure.error);
    }
    return (this.#pending = this.#fetchKeySet()
      .then((body) => {
        const keys = (body as { keys?: unknown } | null | undefined)?.keys;
        if (!Array.isArray(keys)) throw new IdTokenValidatorError("The tenant's JSON Web Key Set is not a JSON object with a `keys` array");
        this.#keys = keys.filter((key): key is JWK => key !== null && typeof key === "object");
        this.#fetchedAt = this.#now();
        this.#failure = undefined;
        return this.#keys;
      })
      .catch((error: unknown) => {
        this.#failure = { error, at: this.#now() };
        // Stale keys beat no keys: a token signed with a key the tenant still publishes stays verifiable.
        if (this.#keys !== undefined) return this.#keys;
        throw error;
      })
      .finally(() => {
        this.#pending = undefined;
      }));
  }
}

function pick(keys: readonly JWK[], kid: string | undefined, alg: string): JWK | undefined {
  const usable = keys.filter((key) => key.kty === keyTypeOf(alg) && (key.use === undefined || key.use === "sig") && (key.alg === undefined || key.alg === alg));
  if (kid !== undefined) return usable.find((key) => key.kid === kid);
  if (usable.length > 1) {
    throw new IdTokenValidatorError(
      `The ID token has no key id (kid) and the tenant's JSON Web Key Set has ${usable.length} keys for ${alg}, so the signing key cannot be chosen`,
    );
  }
  return usable[0];
}

function keyTypeOf(alg: string): string {
  return alg.startsWith("ES") ? "EC" : alg.startsWith("Ed") ? "OKP" : "RSA";
}
