import { CUSTOM_DOMAIN_PATHS, CustomDomainHeader as checkedHeader } from "auth0";
import type { InitOverrideFunction } from "./init-overrides.js";

/**
 * v4's custom-domain helper: pass it as a method's `initOverrides` and the request carries `auth0-custom-domain` when
 * its path is one that accepts it (the core's whitelist: users, tickets, verification emails, invitations,
 * enrollment tickets); on any other path it changes nothing. A value no header can carry (CR/LF, NUL, …) throws an
 * `InvalidInputError` here, by the v5 helper's check (v4 passed it on).
 */
export function CustomDomainHeader(domain: string): InitOverrideFunction {
  checkedHeader(domain);
  return ({ init, context }) => {
    const path = `/api/v2${context.path}`;
    if (!CUSTOM_DOMAIN_PATHS.some((pattern) => pattern.test(path))) return {};
    return { headers: { ...init.headers, "auth0-custom-domain": domain } };
  };
}
