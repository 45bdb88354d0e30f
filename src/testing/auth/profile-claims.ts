import type { JsonObject } from "../internal/json.js";
import type { UserRecord } from "../state/records.js";

/** The OIDC standard claims a user's scopes release, for ID tokens and /userinfo alike. */
export function profileClaims(user: UserRecord, scopes: readonly string[]): JsonObject {
  const claims: JsonObject = { sub: user.user_id };
  if (scopes.includes("profile")) {
    claims["name"] = user.name;
    claims["nickname"] = user.nickname;
    claims["picture"] = user.picture;
    claims["updated_at"] = user.updated_at;
    if (user.given_name !== undefined) claims["given_name"] = user.given_name;
    if (user.family_name !== undefined) claims["family_name"] = user.family_name;
  }
  if (scopes.includes("email") && user.email !== undefined) {
    claims["email"] = user.email;
    claims["email_verified"] = user.email_verified;
  }
  if (scopes.includes("phone") && user.phone_number !== undefined) {
    claims["phone_number"] = user.phone_number;
    claims["phone_number_verified"] = user.phone_verified ?? false;
  }
  return claims;
}
