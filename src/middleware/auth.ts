import type { Middleware } from "../core/pipeline.js";
import { SKIP_AUTH, type TokenProvider } from "../core/token-provider.js";
import { assertHeader } from "../core/validate.js";

/**
 * Puts `Authorization: Bearer <token>` on the request unless the caller set one. When the server answers 401 and
 * the provider can refresh, the request is replayed once with a fresh token (the server refused it, so a replay
 * cannot duplicate a write).
 */
export function auth(tokenProvider: TokenProvider | undefined): Middleware {
  if (tokenProvider === undefined) return (request, next) => next(request);
  return async (request, next) => {
    if (request.context[SKIP_AUTH] === true || request.headers.authorization !== undefined) return next(request);
    const token = await tokenProvider.getToken();
    request.headers.authorization = bearer(token);
    const response = await next(request);
    if (response.status !== 401 || tokenProvider.invalidate === undefined) return response;
    tokenProvider.invalidate(token);
    const fresh = await tokenProvider.getToken();
    if (fresh === token) return response;
    request.headers.authorization = bearer(fresh);
    return next(request);
  };
}

/** A token is checked like any header value (a CR/LF would be trimmed or refused by fetch, quoting the token). */
function bearer(token: string): string {
  const value = `Bearer ${token}`;
  assertHeader("authorization", value);
  return value;
}
