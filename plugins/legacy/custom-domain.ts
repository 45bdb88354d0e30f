import { CUSTOM_DOMAIN_PATHS } from "auth0";
import type { InitOverrideFunction } from "./init-overrides.js";

/**
 * v4's custom-domain helper: pass it as a method's `initOverrides` and the request carries `auth0-custom-domain` when
 * its path is one that accepts it (the core's whitelist: users, tickets, verification emails, invitations,
 * enrollment tickets); on any other path it changes nothing.
 */
export function CustomDomainHeader(domain: string): InitOverrideFunction {
  return ({ init, context }) => {
    const path = `/api/v2${context.path}`;
    if (!CUSTOM_DOMAIN_PATHS.some((pattern) => pattern.test(path))) return {};
    return { headers: { ...init.headers, "auth0-custom-domain": domain } };
  };
}
