import type { TenantContext } from "../context.js";
import { HttpError, oauthError } from "../errors.js";
import type { HandledReply, IncomingRequest } from "../http/incoming-request.js";
import { json, withHeaders, type Reply } from "../http/reply.js";
import { Router, type RouteDefinition } from "../http/router.js";
import { backchannelAuthorize } from "./backchannel-authorize.js";
import { changePassword, signup } from "./database-connections.js";
import { jwksDocument, openidConfiguration } from "./discovery.js";
import { passwordlessStart } from "./passwordless-start.js";
import { pushedAuthorization } from "./pushed-authorization.js";
import { revokeToken } from "./revoke.js";
import { tokenEndpoint } from "./token-endpoint.js";
import { userinfo } from "./userinfo.js";

interface AuthenticationRoute extends RouteDefinition {
  handle(request: IncomingRequest, ctx: TenantContext): Reply | Promise<Reply>;
}

const ROUTES: readonly AuthenticationRoute[] = [
  { method: "GET", path: "/.well-known/openid-configuration", handle: (_, ctx) => openidConfiguration(ctx) },
  { method: "GET", path: "/.well-known/jwks.json", handle: (_, ctx) => jwksDocument(ctx) },
  { method: "POST", path: "/oauth/token", handle: tokenEndpoint },
  { method: "POST", path: "/oauth/revoke", handle: revokeToken },
  { method: "POST", path: "/oauth/par", handle: pushedAuthorization },
  { method: "GET", path: "/userinfo", handle: userinfo },
  { method: "POST", path: "/dbconnections/signup", handle: signup },
  { method: "POST", path: "/dbconnections/change_password", handle: changePassword },
  { method: "POST", path: "/passwordless/start", handle: passwordlessStart },
  { method: "POST", path: "/bc-authorize", handle: backchannelAuthorize },
];

/**
 * Everything outside /api/v2: the OAuth/OIDC endpoints, with their own rate limit and
 * `{ error, error_description }` errors.
 */
export class AuthenticationApi {
  readonly #router = new Router(ROUTES);

  constructor(private readonly ctx: TenantContext) {}

  async handle(request: IncomingRequest): Promise<HandledReply> {
    const decision = this.ctx.authenticationLimiter.take();
    if (!decision.allowed) {
      const reply = json(429, { error: "too_many_requests", error_description: "Global limit has been reached" });
      return { reply: withHeaders(reply, decision.headers), rateLimited: true };
    }
    return { reply: withHeaders(await this.#dispatch(request), decision.headers), rateLimited: false };
  }

  async #dispatch(request: IncomingRequest): Promise<Reply> {
    try {
      const match = this.#router.match(request.method, request.path);
      if (!match.found)
        throw oauthError(404, "not_found", `${request.method} ${request.path} is not served by the mock tenant`);
      return await match.route.handle(request, this.ctx);
    } catch (error) {
      if (error instanceof HttpError) return json(error.status, error.body, { ...error.headers });
      const message = error instanceof Error ? error.message : String(error);
      return json(500, { error: "server_error", error_description: message });
    }
  }
}
