import { randomUUID } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import type { SigningKeys } from "../crypto/signing-keys.js";
import { nowSeconds } from "../internal/clock.js";
import type { JsonObject } from "../internal/json.js";
import type { OrganizationRecord, UserRecord } from "../state/records.js";
import type { TenantUrls } from "../tenant-urls.js";
import { profileClaims } from "./profile-claims.js";

export interface AccessTokenClaims {
  readonly subject: string;
  readonly clientId: string;
  readonly audience: string | readonly string[];
  readonly scopes: readonly string[];
  readonly grantType?: string;
  readonly organization?: OrganizationRecord;
  readonly ttlSeconds: number;
}

export interface IdTokenClaims {
  readonly user: UserRecord;
  readonly clientId: string;
  /** Set for clients configured with HS256: the ID token is then signed with their secret, as Auth0 does. */
  readonly hs256Secret?: string;
  readonly scopes: readonly string[];
  readonly authTime: number;
  readonly nonce?: string;
  readonly organization?: OrganizationRecord;
}

/** Signs the tenant's tokens: RS256, `kid` of the current signing key, issuer = the tenant's issuer URL. */
export class TokenMinter {
  constructor(
    private readonly keys: SigningKeys,
    private readonly urls: TenantUrls,
    private readonly idTokenTtlSeconds: number,
  ) {}

  accessToken(claims: AccessTokenClaims): Promise<string> {
    const iat = nowSeconds();
    const payload: JWTPayload = {
      iss: this.urls.issuer,
      sub: claims.subject,
      aud: typeof claims.audience === "string" ? claims.audience : [...claims.audience],
      iat,
      exp: iat + claims.ttlSeconds,
      scope: claims.scopes.join(" "),
      azp: claims.clientId,
      // Unique per token, as a real tenant's are: two grants in the same second must not yield the same string.
      jti: randomUUID(),
    };
    if (claims.grantType !== undefined) payload["gty"] = claims.grantType;
    if (claims.organization) payload["org_id"] = claims.organization.id;
    return this.keys.sign(payload);
  }

  idToken(claims: IdTokenClaims): Promise<string> {
    const iat = nowSeconds();
    const payload: JsonObject = {
      ...profileClaims(claims.user, claims.scopes),
      iss: this.urls.issuer,
      sub: claims.user.user_id,
      aud: claims.clientId,
      iat,
      exp: iat + this.idTokenTtlSeconds,
      auth_time: claims.authTime,
    };
    if (claims.nonce !== undefined) payload["nonce"] = claims.nonce;
    if (claims.organization) {
      payload["org_id"] = claims.organization.id;
      payload["org_name"] = claims.organization.name;
    }
    if (claims.hs256Secret !== undefined) {
      return new SignJWT(payload)
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .sign(new TextEncoder().encode(claims.hs256Secret));
    }
    return this.keys.sign(payload);
  }
}
