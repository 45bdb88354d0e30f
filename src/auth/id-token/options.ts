/** Per-call expectations of an ID token, beyond the client's own (issuer, audience, algorithm). */
export interface IDTokenValidateOptions {
  /** The `nonce` sent to `/authorize`; the token must carry the same one. */
  nonce?: string;
  /** The `max_age` sent to `/authorize`, in seconds: `auth_time` must then be present and recent enough. */
  maxAge?: number;
  /** An organization id (`org_…`, compared with `org_id`) or name (compared with `org_name`, ignoring case). */
  organization?: string;
}

/** Validates an ID token: signature, then issuer, audience, times, nonce, `max_age` and organization. */
export interface IDTokenValidator {
  /** Resolves when the token is valid; rejects with `IdTokenValidatorError` saying which check failed. */
  validate(idToken: string, options?: IDTokenValidateOptions): Promise<void>;
}
