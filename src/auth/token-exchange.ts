import { jsonResponse } from "./api-requester.js";
import { withClientAuthentication, type AuthContext } from "./auth-context.js";
import type { TokenResponse } from "./backchannel.js";
import { validatedTokens } from "./token-grant.js";

const TOKEN_EXCHANGE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

/** A Custom Token Exchange request (RFC 8693); extra parameters reach your Action as `event.request.body`. */
export type CustomTokenExchangeOptions = {
  /** A URI you own, e.g. `urn:acme:legacy-token` (not `urn:ietf:params:oauth:*`, `https://auth0.com/*` or `urn:auth0:*`). */
  subject_token_type: string;
  subject_token: string;
  audience: string;
  scope?: string;
  [key: string]: unknown;
};

/** Custom Token Exchange: `client.tokenExchange`. The result is the response body, not wrapped, as in v5. */
export interface CustomTokenExchange {
  exchangeToken(options: CustomTokenExchangeOptions): Promise<TokenResponse>;
}

export class TokenExchangeEndpoints implements CustomTokenExchange {
  readonly #context: AuthContext;

  constructor(context: AuthContext) {
    this.#context = context;
  }

  async exchangeToken(options: CustomTokenExchangeOptions): Promise<TokenResponse> {
    const origin = this.#context.origin;
    const form = await withClientAuthentication(
      this.#context,
      { ...options, grant_type: TOKEN_EXCHANGE_GRANT_TYPE, client_id: this.#context.clientId },
      origin,
    );
    const reply = await this.#context.requester.call({ method: "POST", url: `${origin}/oauth/token`, path: "/oauth/token", form });
    return validatedTokens(this.#context, jsonResponse<TokenResponse>(reply).data);
  }
}
