import type { TenantContext } from "../context.js";
import { oauthError } from "../errors.js";
import { isoNow } from "../internal/clock.js";
import { randomToken } from "../internal/ids.js";
import type { JsonObject } from "../internal/json.js";
import type { ClientRecord, OrganizationRecord, UserRecord } from "../state/records.js";
import { canonicalAudience } from "../tenant-urls.js";
import { GRANT } from "../state/grant-types.js";

/** A user's successful authentication, whichever grant produced it. */
export interface UserLogin {
  readonly client: ClientRecord;
  readonly user: UserRecord;
  readonly scopes: readonly string[];
  readonly audience?: string;
  readonly organization?: OrganizationRecord;
  readonly nonce?: string;
  /** When the user actually authenticated (epoch seconds); a refresh keeps the original. */
  readonly authTime: number;
  /** Continue this refresh-token family instead of starting one (rotation). */
  readonly refreshFamily?: string;
  /** Scopes the new refresh token carries when they differ from this response's (down-scoped refresh). */
  readonly refreshScopes?: readonly string[];
}

const DEFAULT_USER_SCOPES = ["openid", "profile", "email"];

export function requestedUserScopes(requested: readonly string[] | undefined): string[] {
  return requested ? [...requested] : [...DEFAULT_USER_SCOPES];
}

/**
 * The token response for a user: an access token (for `audience`, plus /userinfo when `openid` is asked), an ID token
 * when `openid` is in scope, and a refresh token when `offline_access` is and the client may use refresh tokens.
 */
export async function issueUserTokens(ctx: TenantContext, login: UserLogin): Promise<JsonObject> {
  const { client, user, scopes } = login;
  let ttlSeconds = ctx.options.accessTokenTtlSeconds ?? 86400;
  let audience: string | string[] = ctx.urls.userinfo;
  if (login.audience !== undefined) {
    const api = ctx.store.resourceServerByIdentifier(canonicalAudience(ctx.urls, login.audience));
    if (!api) throw oauthError(403, "access_denied", `Service not found: ${login.audience}`);
    ttlSeconds = ctx.options.accessTokenTtlSeconds ?? api.token_lifetime;
    audience = scopes.includes("openid") ? [login.audience, ctx.urls.userinfo] : login.audience;
  }

  const response: JsonObject = {
    access_token: await ctx.tokens.accessToken({
      subject: user.user_id,
      clientId: client.client_id,
      audience,
      scopes,
      ...(login.organization ? { organization: login.organization } : {}),
      ttlSeconds,
    }),
  };
  if (scopes.includes("openid")) {
    response["id_token"] = await ctx.tokens.idToken({
      user,
      clientId: client.client_id,
      ...(client.id_token_alg === "HS256" ? { hs256Secret: client.client_secret } : {}),
      scopes,
      authTime: login.authTime,
      ...(login.nonce !== undefined ? { nonce: login.nonce } : {}),
      ...(login.organization ? { organization: login.organization } : {}),
    });
  }
  const refreshScopes = login.refreshScopes ?? scopes;
  if (refreshScopes.includes("offline_access") && client.grant_types.includes(GRANT.refreshToken)) {
    const token = randomToken(36);
    ctx.auth.refreshTokens.set(token, {
      token,
      family: login.refreshFamily ?? randomToken(12),
      clientId: client.client_id,
      userId: user.user_id,
      scopes: [...refreshScopes],
      ...(login.audience !== undefined ? { audience: login.audience } : {}),
      ...(login.organization ? { organizationId: login.organization.id } : {}),
      authTime: login.authTime,
    });
    response["refresh_token"] = token;
  }
  response["scope"] = scopes.join(" ");
  response["expires_in"] = ttlSeconds;
  response["token_type"] = "Bearer";
  return response;
}

/** Marks a fresh login on the user and in the tenant logs (Auth0's `s` event). */
export function recordLogin(ctx: TenantContext, client: ClientRecord, user: UserRecord, description: string): void {
  user.logins_count += 1;
  user.last_login = isoNow();
  user.last_ip = "127.0.0.1";
  ctx.events.record({
    type: "s",
    description,
    client_id: client.client_id,
    client_name: client.name,
    user_id: user.user_id,
    user_name: user.email ?? user.username ?? user.phone_number ?? user.user_id,
    connection: user.connection,
  });
}

/** The organization a login asks for (`organization` = id or name). The user must be one of its members. */
export function loginOrganization(
  ctx: TenantContext,
  reference: string | undefined,
  user: UserRecord,
): OrganizationRecord | undefined {
  if (reference === undefined) return undefined;
  const organization = ctx.store.organizationByRef(reference);
  if (!organization) throw oauthError(400, "invalid_request", `parameter organization is invalid: ${reference}`);
  if (!organization.members.some((member) => member.user_id === user.user_id)) {
    throw oauthError(403, "access_denied", `user ${user.user_id} is not part of the ${organization.id} organization`);
  }
  return organization;
}
