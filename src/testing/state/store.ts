import { copy } from "../internal/json.js";
import type {
  ClientGrantRecord,
  ConnectionRecord,
  OrganizationRecord,
  ResourceServerRecord,
  RoleRecord,
  TenantData,
  UserRecord,
} from "./records.js";
import { emptyTenantData } from "./records.js";

/**
 * The tenant's data, plus the baseline `reset()` returns to: the defaults and everything seeded since. Seeding writes
 * the same records (same ids) into both, so a reset replays nothing and ids stay stable across resets.
 */
export class TenantStore {
  #defaults: TenantData = emptyTenantData();
  #baseline: TenantData = emptyTenantData();
  data: TenantData = emptyTenantData();

  /** Remember the current baseline as the tenant's defaults, what `reset({ clearSeed: true })` returns to. */
  markDefaults(): void {
    this.#defaults = copy(this.#baseline);
  }

  /** Apply a change to the baseline and the live data alike. `change` must insert fresh copies each call. */
  seed(change: (data: TenantData) => void): void {
    change(this.#baseline);
    change(this.data);
  }

  /** Back to the baseline; with `clearSeed`, forget the seeds too and go back to the defaults. */
  reset(clearSeed = false): void {
    if (clearSeed) this.#baseline = copy(this.#defaults);
    this.data = copy(this.#baseline);
  }

  userByEmail(email: string, connection?: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.data.users.values()) {
      if (user.email?.toLowerCase() === wanted && (connection === undefined || user.connection === connection)) {
        return user;
      }
    }
    return undefined;
  }

  /** A user by id, or by email when the reference has no `|` (handy in seeds and helpers). */
  userByRef(ref: string): UserRecord | undefined {
    return this.data.users.get(ref) ?? (ref.includes("@") ? this.userByEmail(ref) : undefined);
  }

  connectionByName(name: string): ConnectionRecord | undefined {
    for (const connection of this.data.connections.values()) if (connection.name === name) return connection;
    return undefined;
  }

  roleByRef(ref: string): RoleRecord | undefined {
    const byId = this.data.roles.get(ref);
    if (byId) return byId;
    for (const role of this.data.roles.values()) if (role.name === ref) return role;
    return undefined;
  }

  organizationByRef(ref: string): OrganizationRecord | undefined {
    const byId = this.data.organizations.get(ref);
    if (byId) return byId;
    for (const organization of this.data.organizations.values()) if (organization.name === ref) return organization;
    return undefined;
  }

  resourceServerByIdentifier(identifier: string): ResourceServerRecord | undefined {
    for (const server of this.data.resourceServers.values()) if (server.identifier === identifier) return server;
    return undefined;
  }

  grantFor(clientId: string, audience: string): ClientGrantRecord | undefined {
    for (const grant of this.data.clientGrants.values()) {
      if (grant.client_id === clientId && grant.audience === audience) return grant;
    }
    return undefined;
  }
}
