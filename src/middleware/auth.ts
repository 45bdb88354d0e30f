import { InvalidInputError } from "../core/errors.js";
import type { Middleware } from "../core/pipeline.js";
import { SKIP_AUTH, TRUSTED_ORIGIN, type TokenProvider } from "../core/token-provider.js";
import { assertHeader } from "../core/validate.js";

/**
 * Puts `Authorization: Bearer <token>` on the request unless the caller set one. When the server answers 401 and
 * the provider can refresh, the request is replayed once with a fresh token (the server refused it, so a replay
 * cannot duplicate a write).
 *
 * The token goes to `tokenOrigins` only (the tenant's origin, and the custom domain's): a request for any other
 * origin is refused before a token is even fetched, unless the call itself trusts that exact origin
 * (`TRUSTED_ORIGIN`).
 */
export function auth(tokenProvider: TokenProvider | undefined, tokenOrigins: ReadonlySet<string> = new Set()): Middleware {
  if (tokenProvider === undefined) return (request, next) => next(request);
  return async (request, next) => {
    if (request.context[SKIP_AUTH] === true || request.headers.authorization !== undefined) return next(request);
    const origin = request.url.origin;
    if (!tokenOrigins.has(origin) && request.context[TRUSTED_ORIGIN] !== origin) throw untrustedOrigin(origin, tokenOrigins);
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

export function untrustedOrigin(origin: string, tokenOrigins: ReadonlySet<string>): InvalidInputError {
  return new InvalidInputError(
    "url",
    `Refusing to send the client's token to ${origin}: it goes only to ${[...tokenOrigins].join(" and ")}. ` +
      `To send it to ${origin} for one call, name that origin: client.fetch(url, init, { trustOrigin: "${origin}" })`,
  );
}
