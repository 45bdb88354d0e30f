import { randomToken } from "../internal/ids.js";
import { nowSeconds } from "../internal/clock.js";
import type { TenantContext } from "../context.js";
import type { AuthorizationCodeOptions } from "./mock-tenant.js";

const CODE_LIFETIME_SECONDS = 600;

/** Stands in for a completed `/authorize` login: stores the code's context for the `authorization_code` grant. */
export function issueAuthorizationCode(
  ctx: TenantContext,
  defaultClientId: string,
  options: AuthorizationCodeOptions,
): string {
  const user = ctx.store.userByRef(options.userId);
  if (!user) throw new Error(`issueAuthorizationCode: unknown user "${options.userId}"`);
  const clientId = options.clientId ?? defaultClientId;
  if (!ctx.store.data.clients.has(clientId)) throw new Error(`issueAuthorizationCode: unknown client "${clientId}"`);

  let organizationId: string | undefined;
  if (options.organization !== undefined) {
    const organization = ctx.store.organizationByRef(options.organization);
    if (!organization) throw new Error(`issueAuthorizationCode: unknown organization "${options.organization}"`);
    if (!organization.members.some((member) => member.user_id === user.user_id)) {
      throw new Error(`issueAuthorizationCode: ${user.user_id} is not a member of ${organization.id}`);
    }
    organizationId = organization.id;
  }

  const scope = options.scope ?? "openid profile email";
  const scopes = typeof scope === "string" ? scope.split(/\s+/).filter(Boolean) : [...scope];
  const code = randomToken(24);
  ctx.auth.codes.set(code, {
    code,
    clientId,
    userId: user.user_id,
    scopes,
    expiresAt: nowSeconds() + CODE_LIFETIME_SECONDS,
    ...(options.redirectUri !== undefined ? { redirectUri: options.redirectUri } : {}),
    ...(options.codeChallenge !== undefined
      ? { codeChallenge: options.codeChallenge, codeChallengeMethod: options.codeChallengeMethod ?? "S256" }
      : {}),
    ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
    ...(options.audience !== undefined ? { audience: options.audience } : {}),
    ...(organizationId !== undefined ? { organizationId } : {}),
  });
  return code;
}
