/** The fields that tell a user apart in a report: never a password hash, never metadata. */
export interface UserIdentity {
  readonly email?: string;
  readonly user_id?: string;
  readonly username?: string;
  readonly phone_number?: string;
}

const FIELDS = ["email", "user_id", "username", "phone_number"] as const;

export function identify(user: unknown): UserIdentity {
  if (typeof user !== "object" || user === null) return {};
  const identity: { -readonly [K in keyof UserIdentity]: UserIdentity[K] } = {};
  for (const field of FIELDS) {
    const value = (user as Record<string, unknown>)[field];
    if (typeof value === "string") identity[field] = value;
  }
  return identity;
}

/** Keys under which a user can be found again among a file's users (emails compared case-insensitively). */
export function identityKeys(identity: UserIdentity): string[] {
  const keys: string[] = [];
  if (identity.email !== undefined) keys.push(`e:${identity.email.toLowerCase()}`);
  if (identity.user_id !== undefined) keys.push(`i:${identity.user_id}`);
  if (identity.username !== undefined) keys.push(`u:${identity.username}`);
  if (identity.phone_number !== undefined) keys.push(`p:${identity.phone_number}`);
  return keys;
}
