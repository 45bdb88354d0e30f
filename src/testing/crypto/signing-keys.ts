import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  type JWTVerifyOptions,
} from "jose";

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export interface RotateOptions {
  /** Keep publishing the previous key so tokens it signed still verify (Auth0 does during a rotation). Default true. */
  readonly keepPrevious?: boolean;
}

/**
 * The tenant's RS256 signing keys: the current one signs, the JWKS publishes current and previous ones, so a client
 * holding a cached JWKS sees an unknown `kid` after `rotate()` and has to fetch the set again.
 */
export class SigningKeys {
  #current: SigningKey;
  #previous: SigningKey[] = [];
  #verifier: ReturnType<typeof createLocalJWKSet>;

  private constructor(first: SigningKey) {
    this.#current = first;
    this.#verifier = createLocalJWKSet(this.jwks());
  }

  static async create(): Promise<SigningKeys> {
    return new SigningKeys(await generateSigningKey());
  }

  get currentKid(): string {
    return this.#current.kid;
  }

  jwks(): JSONWebKeySet {
    return { keys: [this.#current, ...this.#previous].map((key) => ({ ...key.publicJwk })) };
  }

  async rotate(options: RotateOptions = {}): Promise<string> {
    const next = await generateSigningKey();
    this.#previous = options.keepPrevious === false ? [] : [this.#current];
    this.#current = next;
    this.#verifier = createLocalJWKSet(this.jwks());
    return next.kid;
  }

  sign(claims: JWTPayload): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.#current.kid })
      .sign(this.#current.privateKey);
  }

  /** Verifies signature (against the published keys), `exp`/`nbf` and whatever `options` asks; throws otherwise. */
  async verify(token: string, options: JWTVerifyOptions): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.#verifier, { algorithms: ["RS256"], ...options });
    return payload;
  }
}

async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: "RS256", use: "sig" } };
}
