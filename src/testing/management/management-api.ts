import type { TenantContext } from "../context.js";
import { HttpError, managementError, statusText } from "../errors.js";
import type { HandledReply, IncomingRequest } from "../http/incoming-request.js";
import { json, withHeaders, type Reply } from "../http/reply.js";
import { Router } from "../http/router.js";
import { isJsonObject, type JsonObject } from "../internal/json.js";
import { CallerVerifier } from "./caller.js";
import type { Caller, ManagementRoute } from "./route.js";
import { MANAGEMENT_ROUTES } from "./routes.js";

const PREFIX = "/api/v2";

/**
 * Everything under /api/v2. In order: the tenant's rate limit (429), the bearer token (401), the route (501 when the
 * mock does not implement it), the token's scopes (403), then the handler. Successful writes go to the tenant log as
 * Auth0's `sapi` events. Every answer carries the `x-ratelimit-*` headers.
 */
export class ManagementApi {
  readonly #router = new Router(MANAGEMENT_ROUTES);
  readonly #callers: CallerVerifier;

  constructor(private readonly ctx: TenantContext) {
    this.#callers = new CallerVerifier(ctx);
  }

  static owns(path: string): boolean {
    return path === PREFIX || path.startsWith(`${PREFIX}/`);
  }

  /** Drop remembered token verifications (after a key rotation or a reset). */
  forgetTokens(): void {
    this.#callers.forget();
  }

  async handle(request: IncomingRequest): Promise<HandledReply> {
    const decision = this.ctx.managementLimiter.take();
    if (!decision.allowed) {
      const reply = json(429, {
        statusCode: 429,
        error: statusText(429),
        message: "Global limit has been reached",
        errorCode: "too_many_requests",
      });
      return { reply: withHeaders(reply, decision.headers), rateLimited: true };
    }
    return { reply: withHeaders(await this.#dispatch(request), decision.headers), rateLimited: false };
  }

  async #dispatch(request: IncomingRequest): Promise<Reply> {
    try {
      const caller = await this.#callers.authenticate(request.headers);
      const path = request.path.slice(PREFIX.length) || "/";
      const match = this.#router.match(request.method, path);
      if (!match.found) {
        throw managementError(
          501,
          `${request.method} ${PREFIX}${path} is not implemented by the mock tenant`,
          "not_implemented",
        );
      }
      const { route, params } = match;
      requireScope(caller, route);
      const reply = await route.handle(
        {
          method: request.method,
          path,
          params,
          query: request.query,
          headers: request.headers,
          body: request.body,
          caller,
        },
        this.ctx,
      );
      if (request.method !== "GET" && reply.status < 300) this.#logWrite(request, path, route, caller, reply);
      return reply;
    } catch (error) {
      if (error instanceof HttpError) return json(error.status, error.body, { ...error.headers });
      const message = error instanceof Error ? error.message : String(error);
      return json(500, { statusCode: 500, error: statusText(500), message, errorCode: "internal_error" });
    }
  }

  #logWrite(request: IncomingRequest, path: string, route: ManagementRoute, caller: Caller, reply: Reply): void {
    const client = this.ctx.store.data.clients.get(caller.clientId);
    this.ctx.events.record({
      type: "sapi",
      description: route.summary,
      client_id: caller.clientId,
      ...(client ? { client_name: client.name } : {}),
      ...(typeof request.headers["user-agent"] === "string" ? { user_agent: request.headers["user-agent"] } : {}),
      details: {
        request: {
          method: request.method.toLowerCase(),
          path: `${PREFIX}${path}`,
          query: Object.fromEntries(request.query),
          ...(request.body.kind === "json" ? { body: redacted(request.body.value) } : {}),
        },
        response: { statusCode: reply.status },
      },
    });
  }
}

function requireScope(caller: Caller, route: ManagementRoute): void {
  if (route.scopes.some((scope) => caller.scopes.has(scope))) return;
  throw managementError(403, `Insufficient scope, expected any of: ${route.scopes.join(",")}`, "insufficient_scope");
}

/** Auth0 masks secrets in log details; so does the mock. */
function redacted(body: unknown): unknown {
  if (!isJsonObject(body)) return body;
  const copy: JsonObject = { ...body };
  for (const key of ["password", "client_secret"]) if (key in copy) copy[key] = "*****";
  return copy;
}
