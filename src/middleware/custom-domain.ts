import type { PipelineMiddleware } from "../core/pipeline.js";
import { assertHeader } from "../core/validate.js";

/** The Management API paths that accept `Auth0-Custom-Domain` (v5's whitelist), matched against the URL path. */
export const CUSTOM_DOMAIN_PATHS: readonly RegExp[] = [
  /^\/api\/v2\/jobs\/verification-email$/,
  /^\/api\/v2\/tickets\/email-verification$/,
  /^\/api\/v2\/tickets\/password-change$/,
  /^\/api\/v2\/organizations\/[^/]+\/invitations$/,
  /^\/api\/v2\/users$/,
  /^\/api\/v2\/users\/[^/]+$/,
  /^\/api\/v2\/guardian\/enrollments\/ticket$/,
];

/**
 * With a custom domain configured, adds `Auth0-Custom-Domain` to requests whose path is on the whitelist (any verb),
 * so emails and tickets Auth0 generates link to that domain. A header the caller set wins. The value is checked here,
 * when the client is built, like every other configured header: it reaches the wire after the per-request header
 * check, and a custom fetcher would pass a CR/LF on unchanged.
 */
export function customDomain(domain: string | undefined, paths: readonly RegExp[] = CUSTOM_DOMAIN_PATHS): PipelineMiddleware {
  if (domain === undefined) return (request, next) => next(request);
  assertHeader("auth0-custom-domain", domain);
  return (request, next) => {
    if (request.headers["auth0-custom-domain"] === undefined) {
      const path = request.url.pathname.startsWith("/api/v2/") ? request.url.pathname : `/api/v2${request.url.pathname}`;
      if (paths.some((pattern) => pattern.test(path))) request.headers["auth0-custom-domain"] = domain;
    }
    return next(request);
  };
}
