import type { TokenProviderTools } from "../core/client.js";
import { emit } from "../core/hooks.js";
import type { TokenProvider } from "../core/token-provider.js";
import { addClientAuthentication, type ClientCredentials } from "../auth/client-authentication.js";
import { authErrorFor, toAuthTransportError } from "../auth/token-response.js";
import { ManagementError } from "./errors.js";

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

/**
 * Client-credentials tokens for the Management API: fetched on first use, cached until shortly before they expire,
 * one request shared by all concurrent callers, and dropped when the API rejects them (401).
 */
export class ClientCredentialsTokenProvider implements TokenProvider {
  readonly #credentials: ClientCredentials;
  readonly #audience: string;
  readonly #tokenUrl: string;
  readonly #assertionAudience: string;
  readonly #tools: TokenProviderTools;
  #cached: { token: string; expiresAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(credentials: ClientCredentials, audience: string, tools: TokenProviderTools) {
    this.#credentials = credentials;
    this.#audience = audience;
    this.#tools = tools;
    const origin = tools.options.origin;
    const tokenOrigin = credentials.useMTLS ? origin.replace("://", "://mtls.") : origin;
    this.#tokenUrl = `${tokenOrigin}/oauth/token`;
    this.#assertionAudience = `${tokenOrigin}/`;
  }

  getToken(): Promise<string> {
    const cached = this.#cached;
    if (cached !== undefined && Date.now() < cached.expiresAt - EXPIRY_MARGIN_MS) return Promise.resolve(cached.token);
    return (this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    }));
  }

  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = undefined;
  }

  async #fetch(): Promise<string> {
    const payload: Record<string, string> = { client_id: this.#credentials.clientId, audience: this.#audience };
    await addClientAuthentication(payload, this.#credentials, this.#assertionAudience);
    payload.grant_type = "client_credentials";
    const { response } = await this.#tools.send(
      {
        operation: { method: "POST", path: "/oauth/token" },
        path: this.#tokenUrl,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(payload).toString(),
      },
      toAuthTransportError,
    );
    if (response.status < 200 || response.status >= 300) throw authErrorFor(response);
    const body = response.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (typeof body?.access_token !== "string" || body.access_token === "") {
      throw new ManagementError({ message: "The token endpoint returned no access_token", statusCode: response.status });
    }
    const expiresIn = typeof body.expires_in === "number" ? body.expires_in : Number(body.expires_in ?? 86_400);
    const expiresAt = Date.now() + expiresIn * 1000;
    this.#cached = { token: body.access_token, expiresAt };
    await emit(this.#tools.hooks, "token:refreshed", { audience: this.#audience, expiresAt }, this.#tools.onHookError);
    return body.access_token;
  }
}
