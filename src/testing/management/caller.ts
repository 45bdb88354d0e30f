import type { IncomingHttpHeaders } from "node:http";
import { errors as joseErrors, type JWTPayload } from "jose";
import type { TenantContext } from "../context.js";
import { managementError } from "../errors.js";
import { nowSeconds } from "../internal/clock.js";
import { isManagementAudience } from "../tenant-urls.js";
import type { Caller } from "./route.js";

const CACHE_LIMIT = 1000;

/**
 * Turns `Authorization: Bearer <jwt>` into a caller: signature against the tenant's published keys, issuer, expiry and
 * a Management API audience; 401 otherwise. Verified tokens are remembered until they expire (or the keys rotate),
 * so a hot loop of requests does not pay an RSA verification each.
 */
export class CallerVerifier {
  readonly #verified = new Map<string, { readonly caller: Caller; readonly exp: number }>();

  constructor(private readonly ctx: TenantContext) {}

  forget(): void {
    this.#verified.clear();
  }

  async authenticate(headers: IncomingHttpHeaders): Promise<Caller> {
    const token = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
    if (token === undefined) throw unauthorized("Missing authentication");

    const cached = this.#verified.get(token);
    if (cached && cached.exp > nowSeconds()) return cached.caller;

    let claims: JWTPayload;
    try {
      claims = await this.ctx.keys.verify(token, { issuer: this.ctx.urls.issuer });
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        throw unauthorized("Expired token received for JSON Web Token validation");
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "iss")
        throw unauthorized("Bad issuer");
      throw unauthorized("Invalid token");
    }
    if (!isManagementAudience(this.ctx.urls, claims.aud)) throw unauthorized(`Bad audience: ${String(claims.aud)}`);

    const caller: Caller = {
      clientId: typeof claims["azp"] === "string" ? claims["azp"] : String(claims.sub),
      subject: String(claims.sub),
      scopes: new Set(typeof claims["scope"] === "string" ? claims["scope"].split(" ") : []),
    };
    if (this.#verified.size >= CACHE_LIMIT) this.#verified.clear();
    this.#verified.set(token, { caller, exp: claims.exp ?? 0 });
    return caller;
  }
}

function unauthorized(message: string) {
  return managementError(401, message, "invalid_token");
}
