import { InvalidInputError, RequestAbortedError, RequestTimeoutError } from "../core/errors.js";
import type { PipelineRequest } from "../core/http.js";
import type { PipelineMiddleware } from "../core/pipeline.js";
import { SKIP_AUTH, TRUSTED_ORIGIN, type TokenProvider } from "../core/token-provider.js";
import { assertHeader } from "../core/validate.js";

/**
 * Puts `Authorization: Bearer <token>` on the request unless the caller set one. When the server answers 401 and
 * the provider can refresh, the request is replayed once with a fresh token (the server refused it, so a replay
 * cannot duplicate a write).
 *
 * The token goes to `tokenOrigins` only (a client passes the tenant's origin, and the custom domain's): a request for
 * any other origin is refused before a token is even fetched, unless the call itself trusts that exact origin
 * (`TRUSTED_ORIGIN`). Without `tokenOrigins` (a link built by hand, as before) no origin is refused.
 */
export function auth(tokenProvider: TokenProvider | undefined, tokenOrigins?: ReadonlySet<string>): PipelineMiddleware {
  if (tokenProvider === undefined) return (request, next) => next(request);
  return async (request, next) => {
    if (request.context[SKIP_AUTH] === true || request.headers.authorization !== undefined) return next(request);
    const origin = request.url.origin;
    if (tokenOrigins !== undefined && !tokenOrigins.has(origin) && request.context[TRUSTED_ORIGIN] !== origin) throw untrustedOrigin(origin, tokenOrigins);
    const token = await withinCallLimits(tokenProvider.getToken(), request);
    request.headers.authorization = bearer(token);
    const response = await next(request);
    if (response.status !== 401 || tokenProvider.invalidate === undefined) return response;
    tokenProvider.invalidate(token);
    const fresh = await withinCallLimits(tokenProvider.getToken(), request);
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

function untrustedOrigin(origin: string, tokenOrigins: ReadonlySet<string>): InvalidInputError {
  return new InvalidInputError(
    "url",
    `Refusing to send the client's token to ${origin}: it goes only to ${[...tokenOrigins].join(" and ")}. ` +
      `To send it to ${origin} for one call, name that origin: client.fetch(url, init, { trustOrigin: "${origin}" })`,
  );
}

/**
 * The token, or the call's own limits: this link sits outside `timeout`, and the token may be shared with other
 * calls (one fetch for many callers, a shared cache waiting on another process), so the caller's abort signal ends
 * this call's wait without cancelling the fetch the others still wait for. The call waits for a token at most as long
 * as it would spend on all its attempts (`timeoutMs` × (1 + `maxRetries`)): the token request has its own budget and
 * retries, whose errors should reach the caller first; this bound is for a wait that nothing else would end.
 */
async function withinCallLimits(token: Promise<string>, request: PipelineRequest): Promise<string> {
  const { signal } = request;
  const timeoutMs = request.timeoutMs * (1 + request.maxRetries);
  const limited = timeoutMs > 0 && timeoutMs < Infinity;
  if (signal === undefined && !limited) return token;
  if (signal?.aborted) throw new RequestAbortedError(signal.reason);
  // The common case, a token in hand, is settled within a microtask: no timer or listener for it.
  let ready = false;
  token.then(
    () => void (ready = true),
    () => void (ready = true),
  );
  await undefined;
  if (ready) return token;
  return new Promise<string>((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = (): void => (done(), reject(new RequestAbortedError(signal?.reason)));
    const timer = limited ? setTimeout(() => (done(), reject(new RequestTimeoutError(timeoutMs))), timeoutMs) : undefined;
    signal?.addEventListener("abort", onAbort, { once: true });
    token.then(
      (value) => (done(), resolve(value)),
      (error: unknown) => (done(), reject(error)),
    );
  });
}
