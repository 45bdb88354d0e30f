import type { IncomingHttpHeaders } from "node:http";
import type { TenantContext } from "../context.js";
import type { ParsedBody } from "../http/parse-body.js";
import type { Reply } from "../http/reply.js";
import type { RouteDefinition } from "../http/router.js";

/** Who is calling the Management API, from a verified access token. */
export interface Caller {
  readonly clientId: string;
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
}

export interface ManagementRequest {
  readonly method: string;
  /** Path relative to /api/v2, e.g. `/users/auth0|abc`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: ParsedBody;
  readonly caller: Caller;
}

/**
 * One Management API operation: path and verb as in the OpenAPI document, the scopes that allow it (any one of them
 * will do, as Auth0's `oAuth2ClientCredentials` security lists them) and the summary written into the tenant log.
 */
export interface ManagementRoute extends RouteDefinition {
  readonly scopes: readonly string[];
  readonly summary: string;
  handle(request: ManagementRequest, ctx: TenantContext): Reply | Promise<Reply>;
}

/** A path placeholder the router matched (it always is, for a declared route). */
export function pathParam(request: ManagementRequest, name: string): string {
  const value = request.params[name];
  if (value === undefined) throw new Error(`route has no {${name}} placeholder`);
  return value;
}
