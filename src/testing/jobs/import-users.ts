import type { TenantContext } from "../context.js";
import { isJsonObject, type JsonObject } from "../internal/json.js";
import type { ConnectionRecord, JobRecord, JobUserError, UserRecord } from "../state/records.js";
import { buildUser } from "../state/user-factory.js";

/**
 * Runs an import job's users file: inserts new users, updates existing ones when `upsert`, records a per-user error
 * otherwise. A user matches an existing one by email, username or user id within the connection, as Auth0 matches.
 * An index of the connection's users is built once per job, so a file costs O(users), not O(users × tenant).
 */
export function importUsers(ctx: TenantContext, job: JobRecord): void {
  const connection = job.connection_id === undefined ? undefined : ctx.store.data.connections.get(job.connection_id);
  const summary = { failed: 0, updated: 0, inserted: 0, total: job.input.length };
  const errors: JobUserError[] = [];
  const fail = (user: JsonObject, code: string, message: string, path = ""): void => {
    summary.failed += 1;
    errors.push({ user: redactHashes(user), errors: [{ code, message, path }] });
  };
  const index = connection ? new UserIndex(ctx, connection) : undefined;

  for (const entry of job.input) {
    if (!isJsonObject(entry)) {
      fail({}, "INVALID_FORMAT", "Each user must be an object");
      continue;
    }
    if (!connection || !index) {
      fail(entry, "CONNECTION_NOT_FOUND", "The connection of this job no longer exists");
      continue;
    }
    const email = entry["email"];
    if (typeof email !== "string" || !email.includes("@")) {
      fail(entry, "OBJECT_REQUIRED", "Missing required property: email", "email");
      continue;
    }
    // Auth0 prefixes an imported id with the provider, even one that already has it (`auth0|auth0|…`).
    const userId = typeof entry["user_id"] === "string" ? `${connection.strategy}|${entry["user_id"]}` : undefined;
    const username = typeof entry["username"] === "string" ? entry["username"] : undefined;
    const existing = index.find(email, username, userId);
    const profile = importedProfile(entry);
    if (existing && !job.upsert) {
      fail(entry, "DUPLICATED_USER", "The user already exist and upsert parameter is false");
    } else if (existing) {
      Object.assign(existing, profile, { updated_at: new Date().toISOString() });
      summary.updated += 1;
    } else {
      const user = buildUser(connection, {
        email,
        ...profile,
        ...(userId !== undefined ? { user_id: userId } : {}),
        ...(username !== undefined ? { username } : {}),
      });
      ctx.store.data.users.set(user.user_id, user);
      index.add(user);
      summary.inserted += 1;
    }
  }
  job.summary = summary;
  job.errors = errors;
}

/** The connection's users by email, username and id, kept current as the job inserts. */
class UserIndex {
  readonly #byEmail = new Map<string, UserRecord>();
  readonly #byUsername = new Map<string, UserRecord>();
  readonly #byId = new Map<string, UserRecord>();

  constructor(ctx: TenantContext, connection: ConnectionRecord) {
    for (const user of ctx.store.data.users.values()) if (user.connection === connection.name) this.add(user);
  }

  add(user: UserRecord): void {
    if (user.email !== undefined) this.#byEmail.set(user.email, user);
    if (user.username !== undefined) this.#byUsername.set(user.username, user);
    this.#byId.set(user.user_id, user);
  }

  find(email: string, username: string | undefined, userId: string | undefined): UserRecord | undefined {
    return (
      this.#byEmail.get(email.toLowerCase()) ??
      (username !== undefined ? this.#byUsername.get(username) : undefined) ??
      (userId !== undefined ? this.#byId.get(userId) : undefined)
    );
  }
}

/** Auth0's error report masks password hashes ("Sensitive fields such as hash.value will be redacted"). */
function redactHashes(user: JsonObject): JsonObject {
  const copy: JsonObject = { ...user };
  for (const key of ["password_hash", "custom_password_hash"]) {
    const value = copy[key];
    if (typeof value === "string") copy[key] = "*****";
    else if (isJsonObject(value)) copy[key] = { ...value, hash: { ...(isJsonObject(value["hash"]) ? value["hash"] : {}), value: "*****" } };
  }
  return copy;
}

function importedProfile(entry: JsonObject) {
  const profile: {
    name?: string;
    nickname?: string;
    given_name?: string;
    family_name?: string;
    picture?: string;
    email_verified?: boolean;
    blocked?: boolean;
    user_metadata?: JsonObject;
    app_metadata?: JsonObject;
  } = {};
  for (const key of ["name", "nickname", "given_name", "family_name", "picture"] as const) {
    const value = entry[key];
    if (typeof value === "string") profile[key] = value;
  }
  for (const key of ["email_verified", "blocked"] as const) {
    const value = entry[key];
    if (typeof value === "boolean") profile[key] = value;
  }
  for (const key of ["user_metadata", "app_metadata"] as const) {
    const value = entry[key];
    if (isJsonObject(value)) profile[key] = value;
  }
  return profile;
}
