import { createHash } from "node:crypto";
import { isoNow } from "../internal/clock.js";
import { newId } from "../internal/ids.js";
import type { JsonObject } from "../internal/json.js";
import type { ConnectionRecord, PermissionRef, UserRecord } from "./records.js";
import type { TenantStore } from "./store.js";

/** Profile fields a user can be created with, as the Management API's `POST /users` takes them. */
export interface NewUserFields {
  user_id?: string;
  email?: string;
  email_verified?: boolean;
  username?: string;
  phone_number?: string;
  phone_verified?: boolean;
  password?: string;
  name?: string;
  nickname?: string;
  given_name?: string;
  family_name?: string;
  picture?: string;
  blocked?: boolean;
  user_metadata?: JsonObject;
  app_metadata?: JsonObject;
  roleIds?: string[];
  permissions?: PermissionRef[];
}

const DATABASE_STRATEGY = "auth0";
const SOCIAL_STRATEGIES = new Set([
  "google-oauth2",
  "github",
  "facebook",
  "twitter",
  "apple",
  "linkedin",
  "windowslive",
]);

export function isDatabaseConnection(connection: ConnectionRecord): boolean {
  return connection.strategy === DATABASE_STRATEGY;
}

/** Builds a user the way Auth0 fills one in: `<provider>|<id>`, name and nickname from the email, a gravatar. */
export function buildUser(connection: ConnectionRecord, fields: NewUserFields): UserRecord {
  const now = isoNow();
  const provider = connection.strategy;
  const identifier = fields.email ?? fields.phone_number ?? fields.username ?? "";
  const user: UserRecord = {
    user_id: qualifiedUserId(provider, fields.user_id),
    connection: connection.name,
    provider,
    isSocial: SOCIAL_STRATEGIES.has(provider),
    email_verified: fields.email_verified ?? false,
    name: fields.name ?? identifier,
    nickname: fields.nickname ?? identifier.split("@")[0] ?? identifier,
    picture: fields.picture ?? gravatar(identifier),
    blocked: fields.blocked ?? false,
    user_metadata: fields.user_metadata ?? {},
    app_metadata: fields.app_metadata ?? {},
    created_at: now,
    updated_at: now,
    logins_count: 0,
    roleIds: fields.roleIds ?? [],
    permissions: fields.permissions ?? [],
  };
  if (fields.email !== undefined) user.email = fields.email.toLowerCase();
  if (fields.username !== undefined) user.username = fields.username;
  if (fields.phone_number !== undefined) {
    user.phone_number = fields.phone_number;
    user.phone_verified = fields.phone_verified ?? false;
  }
  if (fields.password !== undefined) user.password = fields.password;
  if (fields.given_name !== undefined) user.given_name = fields.given_name;
  if (fields.family_name !== undefined) user.family_name = fields.family_name;
  return user;
}

/** `<provider>|<id>`; an id that already carries this provider's prefix is kept as given. */
function qualifiedUserId(provider: string, id: string | undefined): string {
  if (id === undefined) return `${provider}|${newId.userSuffix()}`;
  return id.startsWith(`${provider}|`) ? id : `${provider}|${id}`;
}

/** The user already holding this email, username or phone number in the connection, if any. */
export function conflictingUser(
  store: TenantStore,
  connection: string,
  fields: Pick<NewUserFields, "email" | "username" | "phone_number">,
  except?: string,
): UserRecord | undefined {
  const email = fields.email?.toLowerCase();
  for (const user of store.data.users.values()) {
    if (user.connection !== connection || user.user_id === except) continue;
    if (email !== undefined && user.email === email) return user;
    if (fields.username !== undefined && user.username === fields.username) return user;
    if (fields.phone_number !== undefined && user.phone_number === fields.phone_number) return user;
  }
  return undefined;
}

function gravatar(identifier: string): string {
  const hash = createHash("md5").update(identifier.trim().toLowerCase()).digest("hex");
  const initials =
    identifier
      .replace(/[^a-z0-9]/gi, "")
      .slice(0, 2)
      .toLowerCase() || "u";
  return `https://s.gravatar.com/avatar/${hash}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2F${initials}.png`;
}
