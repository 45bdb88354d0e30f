import type { Middleware } from "../core/pipeline.js";
import { SKIP_AUTH, type TokenProvider } from "../core/token-provider.js";

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
    request.headers.authorization = `Bearer ${token}`;
    const response = await next(request);
    if (response.status !== 401 || tokenProvider.invalidate === undefined) return response;
    tokenProvider.invalidate(token);
    const fresh = await tokenProvider.getToken();
    if (fresh === token) return response;
    request.headers.authorization = `Bearer ${fresh}`;
    return next(request);
  };
}
