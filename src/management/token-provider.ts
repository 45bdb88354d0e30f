import type { TokenProviderTools } from "../core/client.js";
import { emit } from "../core/hooks.js";
import type { TokenProvider } from "../core/token-provider.js";
import { REPLAY_SAFE } from "../middleware/retry.js";
import { addClientAuthentication, type ClientCredentials } from "../auth/client-authentication.js";
import { AuthApiError, ResponseError } from "../auth/errors.js";
import { authErrorFor, toAuthTransportError } from "../auth/token-response.js";
import type { PipelineResponse } from "../core/http.js";
import { ManagementError } from "./errors.js";
import { memoryTokenCache, type CachedToken, type TokenCache } from "./token-cache.js";
import { tokenCacheKey } from "./token-cache-key.js";

/** The `token` option: a token, or a function returning one (called per request, so it can rotate). */
export type TokenSupplier = string | (() => string | null | undefined | Promise<string | null | undefined>);

export function staticTokenProvider(token: TokenSupplier): TokenProvider {
  return {
    async getToken() {
      const value = typeof token === "function" ? await token() : token;
      if (value === null || value === undefined || value === "") {
        throw new ManagementError({ message: "Please provide 'token' when initializing the client" });
      }
      return value;
    },
  };
}

/** Renew this long before the token expires, so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 10_000;

const fresh = (token: CachedToken | undefined): token is CachedToken => token !== undefined && Date.now() < token.expiresAt - EXPIRY_MARGIN_MS;

/**
 * The token endpoint refused the client-credentials grant. An `AuthApiError` (as v5 throws), whose message says it
 * came from the token endpoint, so it is not mistaken for the Management API rejecting a request.
 */
export class TokenEndpointError extends AuthApiError {
  override name = "TokenEndpointError";
  readonly tokenUrl: string;

  constructor(source: AuthApiError, tokenUrl: string) {
    super(source.error, source.error_description, source.statusCode, source.body, source.headers);
    this.tokenUrl = tokenUrl;
    this.message = `The token endpoint ${tokenUrl} refused the client-credentials grant (${source.statusCode}): ${source.message}`;
  }
}

/**
 * Client-credentials tokens for the Management API: fetched on first use through the client's own chain, kept in a
 * cache until shortly before they expire, one request shared by all concurrent callers, and dropped when the API
 * rejects them (401). A cache with `getOrFetch` (a shared one) also decides whether this process fetches at all.
 */
export class ClientCredentialsTokenProvider implements TokenProvider {
  readonly #credentials: ClientCredentials;
  readonly #audience: string;
  readonly #tokenUrl: string;
  readonly #assertionAudience: string;
  readonly #tools: TokenProviderTools;
  readonly #cache: TokenCache;
  #cacheKey: Promise<string> | undefined;
  #current: CachedToken | undefined;
  /** The token the API last rejected, until a new one is in hand. */
  #rejected: string | undefined;
  #pending: Promise<string> | undefined;

  constructor(credentials: ClientCredentials, audience: string, tools: TokenProviderTools, cache?: TokenCache) {
    this.#credentials = credentials;
    this.#audience = audience;
    this.#tools = tools;
    this.#cache = cache ?? memoryTokenCache();
    // A cache of this client's own holds its one token: no fingerprint to compute (nor WebCrypto to need, which
    // React Native lacks), since no other client can read it.
    if (cache === undefined) this.#cacheKey = Promise.resolve("auth0:token");
    const origin = tools.options.origin;
    const tokenOrigin = credentials.useMTLS ? origin.replace("://", "://mtls.") : origin;
    this.#tokenUrl = `${tokenOrigin}/oauth/token`;
    this.#assertionAudience = `${tokenOrigin}/`;
  }

  getToken(): Promise<string> {
    // The common case is synchronous: a token in hand that is still fresh.
    if (fresh(this.#current)) return Promise.resolve(this.#current.accessToken);
    return (this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    }));
  }

  invalidate(token: string): void {
    if (this.#current?.accessToken !== token) return;
    this.#current = undefined;
    this.#rejected = token;
    // The token goes with the key, so a shared cache drops it only if no other process has replaced it yet.
    void this.#key()
      .then((key) => this.#cache.delete(key, token))
      .catch(this.#tools.onHookError);
  }

  /** A given cache's key is computed once, on first use: the fingerprint is a WebCrypto digest, which is asynchronous. */
  #key(): Promise<string> {
    return (this.#cacheKey ??= tokenCacheKey(this.#tools.options.origin, this.#credentials, this.#audience));
  }

  async #refresh(): Promise<string> {
    const cache = this.#cache;
    const key = await this.#key();
    let fetched: CachedToken | undefined;
    const fetchToken = async (): Promise<CachedToken> => (fetched = await this.#fetch());
    let token: CachedToken;
    if (cache.getOrFetch !== undefined) {
      // The cache decides whether anyone fetches (one process of a fleet, say); `fetched` tells whether it was us.
      token = await cache.getOrFetch(key, fetchToken, { isFresh: (candidate) => this.#usable(candidate) });
    } else {
      const cached = await cache.get(key);
      if (cached !== undefined && this.#usable(cached)) {
        token = cached;
      } else {
        token = this.#current = await fetchToken(); // in hand even if storing it fails
        await cache.set(key, token);
      }
    }
    this.#current = token;
    this.#rejected = undefined;
    if (fetched !== undefined) {
      await emit(this.#tools.hooks, "token:refreshed", { audience: this.#audience, expiresAt: fetched.expiresAt }, this.#tools.onHookError);
    }
    return token.accessToken;
  }

  /**
   * A stored token worth using: fresh, and neither the one this process just found stale nor the one the API just
   * rejected (a shared cache may not have dropped it yet when the replay asks again).
   */
  #usable(token: CachedToken): boolean {
    return fresh(token) && token.accessToken !== this.#current?.accessToken && token.accessToken !== this.#rejected;
  }

  async #fetch(): Promise<CachedToken> {
    const payload: Record<string, string> = { client_id: this.#credentials.clientId, audience: this.#audience };
    await addClientAuthentication(payload, this.#credentials, this.#assertionAudience);
    payload.grant_type = "client_credentials";
    const { response } = await this.#tools.send(
      {
        operation: { api: "authentication", method: "POST", path: "/oauth/token" },
        path: this.#tokenUrl,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(payload).toString(),
        // As in v5: the Management client's custom headers are for the Management API only.
        withoutClientHeaders: true,
        // Asking for a token twice is harmless, so a 5xx or a reset on the token request is retried like a GET.
        context: { [REPLAY_SAFE]: true },
      },
      toAuthTransportError,
    );
    if (response.status < 200 || response.status >= 300) throw this.#endpointError(response);
    const body = response.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof body?.access_token !== "string" || body.access_token === "") {
      throw new ManagementError({ message: `The token endpoint ${this.#tokenUrl} returned no access_token`, statusCode: response.status });
    }
    const expiresIn = Number(body.expires_in ?? 86_400);
    return { accessToken: body.access_token, expiresAt: Date.now() + (Number.isFinite(expiresIn) ? expiresIn : 86_400) * 1000 };
  }

  #endpointError(response: PipelineResponse): Error {
    const error = authErrorFor(response);
    if (error instanceof AuthApiError) return new TokenEndpointError(error, this.#tokenUrl);
    const text = (error as ResponseError).body;
    return new ResponseError(response.status, text, response.headers, `The token endpoint ${this.#tokenUrl} answered ${response.status} with a body that is not JSON`);
  }
}
