import type { TenantContext } from "../context.js";
import type { ConnectionRecord, UserRecord } from "../state/records.js";
import { buildConnection } from "../state/entity-factories.js";
import { buildUser } from "../state/user-factory.js";

/**
 * The passwordless user for an email address or phone number, created on first use. The `email`/`sms` connection is
 * used when the tenant has one; otherwise an implicit one of that name (not listed by `GET /connections`).
 */
export function passwordlessUser(ctx: TenantContext, realm: "email" | "sms", identifier: string): UserRecord {
  const connection: ConnectionRecord =
    ctx.store.connectionByName(realm) ?? buildConnection({ name: realm, strategy: realm });
  const wanted = identifier.toLowerCase();
  for (const user of ctx.store.data.users.values()) {
    if (user.connection !== connection.name) continue;
    if ((realm === "email" ? user.email : user.phone_number)?.toLowerCase() === wanted) return user;
  }
  const user = buildUser(connection, realm === "email" ? { email: identifier } : { phone_number: identifier });
  ctx.store.data.users.set(user.user_id, user);
  return user;
}
