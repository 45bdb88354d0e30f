import { jsonResponse } from "./api-requester.js";
import type { JSONApiResponse } from "./api-response.js";
import type { AuthContext } from "./auth-context.js";
import { checkIdTokenValidateOptions } from "./id-token/check-options.js";
import type { IDTokenValidateOptions } from "./id-token/options.js";
import type { InitOverride } from "./init-overrides.js";
import type { TokenSet } from "./oauth-types.js";

/**
 * An OAuth 2.0 grant at `/oauth/token`, as v5 sends it: `client_id`, then the parameters (client authentication
 * already appended), then `grant_type`. An `id_token` in the answer is validated before the caller sees it.
 */
export async function tokenGrant(
  context: AuthContext,
  origin: string,
  grantType: string,
  parameters: Record<string, unknown>,
  options: { idTokenValidateOptions?: IDTokenValidateOptions | undefined; initOverrides?: InitOverride | undefined } = {},
): Promise<JSONApiResponse<TokenSet>> {
  const expectations = checkIdTokenValidateOptions(options.idTokenValidateOptions);
  const reply = await context.requester.call({
    method: "POST",
    url: `${origin}/oauth/token`,
    path: "/oauth/token",
    form: { client_id: context.clientId, ...parameters, grant_type: grantType },
    initOverrides: options.initOverrides,
  });
  const response = jsonResponse<TokenSet>(reply);
  const idToken = (response.data as Partial<TokenSet> | undefined)?.id_token;
  if (idToken) await context.idTokens.validate(idToken, expectations);
  return response;
}
