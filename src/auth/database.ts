import { jsonResponse, textResponse } from "./api-requester.js";
import type { JSONApiResponse, TextApiResponse } from "./api-response.js";
import type { AuthContext } from "./auth-context.js";
import { authContextOf, BaseAuthAPI } from "./base-auth-api.js";
import type { InitOverride } from "./init-overrides.js";
import { requireParams } from "./required-params.js";

export interface SignUpRequest {
  /** Overrides the client's `clientId`. */
  client_id?: string;
  email: string;
  password: string;
  /** The database connection's name. */
  connection: string;
  /** Only for connections that require a username. */
  username?: string;
  given_name?: string;
  family_name?: string;
  name?: string;
  nickname?: string;
  picture?: string;
  /** At most ten properties; string values of up to 500 characters. */
  user_metadata?: { [key: string]: unknown };
}

export interface SignUpResponse {
  email: string;
  email_verified: boolean;
  /** The server answers with `_id`, `id` or `user_id`; the SDK copies it to `id`. */
  id: string;
  username?: string;
  given_name?: string;
  family_name?: string;
  name?: string;
  nickname?: string;
  picture?: string;
  user_metadata?: { [key: string]: unknown };
}

export interface ChangePasswordRequest {
  /** Overrides the client's `clientId`. */
  client_id?: string;
  email: string;
  connection: string;
  organization?: string;
}

/**
 * Sign-up and change-password for database connections: `client.database`, or `new Database(options)` with the
 * `AuthenticationClient` options.
 */
export class Database extends BaseAuthAPI {
  readonly #context: AuthContext = authContextOf(this);

  async signUp(bodyParameters: SignUpRequest, initOverrides?: InitOverride): Promise<JSONApiResponse<SignUpResponse>> {
    requireParams(bodyParameters, ["email", "password", "connection"]);
    const reply = await this.#context.requester.call({
      method: "POST",
      url: `${this.#context.origin}/dbconnections/signup`,
      path: "/dbconnections/signup",
      json: { client_id: this.#context.clientId, ...bodyParameters },
      initOverrides,
    });
    const response = jsonResponse<SignUpResponse>(reply);
    const data = response.data as unknown as Record<string, unknown> | undefined;
    if (data !== null && typeof data === "object" && data.id === undefined) {
      const id = data._id ?? data.user_id;
      if (id !== undefined) data.id = id;
    }
    return response;
  }

  /** Auth0 emails a change-password link; `data` is the server's text answer. */
  async changePassword(bodyParameters: ChangePasswordRequest, initOverrides?: InitOverride): Promise<TextApiResponse> {
    requireParams(bodyParameters, ["email", "connection"]);
    const reply = await this.#context.requester.call({
      method: "POST",
      url: `${this.#context.origin}/dbconnections/change_password`,
      path: "/dbconnections/change_password",
      json: { client_id: this.#context.clientId, ...bodyParameters },
      initOverrides,
    });
    return textResponse(reply);
  }
}
