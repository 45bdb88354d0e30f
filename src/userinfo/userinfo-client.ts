import { CoreClient } from "../core/client.js";
import { InvalidInputError } from "../core/errors.js";
import { ApiRequester, jsonResponse } from "../auth/api-requester.js";
import type { JSONApiResponse } from "../auth/api-response.js";
import type { UserInfoClientOptions } from "../auth/client-options.js";
import { coreSetup } from "../auth/client-setup.js";
import { fetchInit, type InitOverride } from "../auth/init-overrides.js";
import { UserInfoError, userInfoErrorFor } from "./errors.js";
import type { UserInfoResponse } from "./userinfo-response.js";

/** Checks of a `/userinfo` answer beyond the HTTP exchange. */
export interface UserInfoChecks {
  /**
   * The `sub` of the ID token the access token came with. OpenID Connect Core §5.3.2: a `/userinfo` answer about
   * anyone else must not be used, so a different `sub` rejects with `UserInfoError` (`error: "sub_mismatch"`).
   */
  expectedSub?: string;
}

/** `GET /userinfo` with an access token, on the shared core. Retries 429 up to 3 times unless `retry.enabled` is false. */
export class UserInfoClient extends CoreClient {
  readonly #requester: ApiRequester;

  constructor(options: UserInfoClientOptions) {
    if (options === null || typeof options !== "object") throw new InvalidInputError("options", "Client options must be an object");
    const { core, config } = coreSetup(options, true);
    super(core, config);
    this.pipeline.use(fetchInit(), this.pipeline.has("rawResponse") ? { name: "fetchInit", after: "rawResponse" } : { name: "fetchInit" });
    this.#requester = new ApiRequester(
      (call, mapError) => this.send(call, mapError),
      (request, error) => this.reportError(request, error),
      userInfoErrorFor,
      options.headers,
    );
  }

  /** The profile of the user `accessToken` was issued for. */
  async getUserInfo(accessToken: string, initOverrides?: InitOverride, checks: UserInfoChecks = {}): Promise<JSONApiResponse<UserInfoResponse>> {
    const reply = await this.#requester.call({
      method: "GET",
      url: `${this.resolvedOptions.origin}/userinfo`,
      path: "/userinfo",
      headers: { Authorization: `Bearer ${accessToken}` },
      initOverrides,
    });
    const response = jsonResponse<UserInfoResponse>(reply);
    const sub = (response.data as Partial<UserInfoResponse> | undefined)?.sub;
    if (checks.expectedSub !== undefined && sub !== checks.expectedSub) {
      throw new UserInfoError(
        "sub_mismatch",
        `The userinfo response is about subject "${String(sub)}", not "${checks.expectedSub}" (the ID token's)`,
        reply.status,
        reply.text,
        reply.headers,
      );
    }
    return response;
  }
}
