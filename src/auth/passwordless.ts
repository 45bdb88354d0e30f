import { voidResponse } from "./api-requester.js";
import type { JSONApiResponse, VoidApiResponse } from "./api-response.js";
import { withClientAuthentication, type AuthContext } from "./auth-context.js";
import { authContextOf, BaseAuthAPI } from "./base-auth-api.js";
import type { InitOverride } from "./init-overrides.js";
import type { ClientCredentials, GrantOptions, TokenSet } from "./oauth-types.js";
import { requireParams } from "./required-params.js";
import { tokenGrant } from "./token-grant.js";

const PASSWORDLESS_OTP_GRANT = "http://auth0.com/oauth/grant-type/passwordless/otp";

export interface SendEmailLinkRequest {
  email: string;
  /** `link` (default) or `code`. */
  send?: "link";
  /** Parameters of the link (`scope`, `redirect_uri`, `response_type`, …). */
  authParams?: Record<string, unknown>;
}

export interface SendEmailCodeRequest {
  email: string;
  send?: "code";
}

export type SendEmailRequest = SendEmailLinkRequest | SendEmailCodeRequest;

export interface SendSmsRequest {
  phone_number: string;
}

export interface LoginWithEmailRequest extends ClientCredentials {
  email: string;
  /** The one-time code the user received. */
  code: string;
  audience?: string;
  scope?: string;
}

export interface LoginWithSMSRequest extends Omit<LoginWithEmailRequest, "email"> {
  phone_number: string;
}

/** Passwordless login by email or SMS: `client.passwordless`. */
/**
 * Passwordless sign-in by email or SMS: `client.passwordless`, or `new Passwordless(options)` with the
 * `AuthenticationClient` options. Never on the mTLS host: v5 sends only `oauth.*` there.
 */
export class Passwordless extends BaseAuthAPI {
  readonly #context: AuthContext = authContextOf(this);

  async sendEmail(bodyParameters: SendEmailRequest, initOverrides?: InitOverride): Promise<VoidApiResponse> {
    requireParams(bodyParameters, ["email"]);
    return this.#start({ client_id: this.#context.clientId, connection: "email", ...bodyParameters }, initOverrides);
  }

  async sendSMS(bodyParameters: SendSmsRequest, initOverrides?: InitOverride): Promise<VoidApiResponse> {
    requireParams(bodyParameters, ["phone_number"]);
    return this.#start({ client_id: this.#context.clientId, connection: "sms", ...bodyParameters }, initOverrides);
  }

  async loginWithEmail(bodyParameters: LoginWithEmailRequest, options: GrantOptions = {}): Promise<JSONApiResponse<TokenSet>> {
    requireParams(bodyParameters, ["email", "code"]);
    const { email: username, code: otp, ...rest } = bodyParameters;
    return this.#login({ username, otp, realm: "email", ...rest }, options);
  }

  async loginWithSMS(bodyParameters: LoginWithSMSRequest, options: GrantOptions = {}): Promise<JSONApiResponse<TokenSet>> {
    requireParams(bodyParameters, ["phone_number", "code"]);
    const { phone_number: username, code: otp, ...rest } = bodyParameters;
    return this.#login({ username, otp, realm: "sms", ...rest }, options);
  }

  async #start(body: Record<string, unknown>, initOverrides: InitOverride | undefined): Promise<VoidApiResponse> {
    const origin = this.#context.origin;
    const json = await withClientAuthentication(this.#context, body, origin);
    const reply = await this.#context.requester.call({
      method: "POST",
      url: `${origin}/passwordless/start`,
      path: "/passwordless/start",
      json,
      initOverrides,
    });
    return voidResponse(reply);
  }

  async #login(parameters: Record<string, unknown>, options: GrantOptions): Promise<JSONApiResponse<TokenSet>> {
    const origin = this.#context.origin;
    const authenticated = await withClientAuthentication(this.#context, parameters, origin);
    return tokenGrant(this.#context, origin, PASSWORDLESS_OTP_GRANT, authenticated, options);
  }
}
