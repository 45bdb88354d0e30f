import { jsonResponse } from "./api-requester.js";
import { withClientAuthentication, type AuthContext } from "./auth-context.js";
import { validatedTokens } from "./token-grant.js";

const CIBA_GRANT_TYPE = "urn:openid:params:grant-type:ciba";

export type AuthorizeResponse = {
  auth_req_id: string;
  /** Seconds until the request expires. */
  expires_in: number;
  /** Seconds to wait between two polls of `backchannelGrant`. */
  interval: number;
};

/** Client-Initiated Backchannel Authentication (CIBA) request. */
export type AuthorizeOptions = {
  /** Shown on the consumption device and the user's authentication device. */
  binding_message: string;
  scope: string;
  audience?: string;
  /** @deprecated Use `requested_expiry`. */
  request_expiry?: string;
  /** Seconds the request may stay pending. */
  requested_expiry?: string;
  /** The user to authenticate: sent as the `login_hint`. */
  userId: string;
  subjectIssuerContext?: string;
  /** Rich Authorization Requests: a JSON string. */
  authorization_details?: string;
} & Record<string, string>;

export interface AuthorizationDetails {
  readonly type: string;
  readonly [parameter: string]: unknown;
}

/** Tokens from a completed backchannel (or custom token exchange) flow. */
export type TokenResponse = {
  access_token: string;
  refresh_token?: string;
  id_token: string;
  token_type?: string;
  expires_in: number;
  scope: string;
  authorization_details?: AuthorizationDetails[];
};

export type TokenOptions = {
  /** From `authorize`; usable once. */
  auth_req_id: string;
};

/** CIBA: `client.backchannel`. Results are the response bodies, not wrapped, as in v5. */
export interface Backchannel {
  authorize(options: AuthorizeOptions): Promise<AuthorizeResponse>;
  /** Poll until the user approved (or denied: `AuthApiError` `access_denied`; too early: `authorization_pending`). */
  backchannelGrant(options: TokenOptions): Promise<TokenResponse>;
}

export class BackchannelEndpoints implements Backchannel {
  readonly #context: AuthContext;

  constructor(context: AuthContext) {
    this.#context = context;
  }

  async authorize({ userId, ...options }: AuthorizeOptions): Promise<AuthorizeResponse> {
    const origin = this.#context.origin;
    const body: Record<string, unknown> = {
      ...options,
      login_hint: JSON.stringify({ format: "iss_sub", iss: `${origin}/`, sub: `${userId}` }),
      client_id: this.#context.clientId,
    };
    // `request_expiry` is the deprecated spelling; it is still passed through as given.
    const requestedExpiry = options.requested_expiry || options.request_expiry;
    if (requestedExpiry) body.requested_expiry = requestedExpiry;
    const form = await withClientAuthentication(this.#context, body, origin);
    const reply = await this.#context.requester.call({ method: "POST", url: `${origin}/bc-authorize`, path: "/bc-authorize", form });
    return jsonResponse<AuthorizeResponse>(reply).data;
  }

  async backchannelGrant({ auth_req_id }: TokenOptions): Promise<TokenResponse> {
    const origin = this.#context.origin;
    const form = await withClientAuthentication(
      this.#context,
      { client_id: this.#context.clientId, auth_req_id, grant_type: CIBA_GRANT_TYPE },
      origin,
    );
    const reply = await this.#context.requester.call({ method: "POST", url: `${origin}/oauth/token`, path: "/oauth/token", form });
    return validatedTokens(this.#context, jsonResponse<TokenResponse>(reply).data);
  }
}
