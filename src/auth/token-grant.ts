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
  await validatedTokens(context, response.data, expectations);
  return response;
}

/**
 * The token set, once its `id_token` (if any) is valid. CIBA and custom token exchange use this too: v5 hands their
 * ID token back unchecked, here it is validated like every `oauth.*` grant's, so `alg: none` or another tenant's
 * token never reaches the caller. Those flows send no nonce or max_age, so only the client's expectations apply.
 */
export async function validatedTokens<T>(context: AuthContext, tokens: T, expectations: IDTokenValidateOptions = {}): Promise<T> {
  const idToken = (tokens as { id_token?: unknown } | null | undefined)?.id_token;
  if (idToken) await context.idTokens.validate(idToken as string, expectations);
  return tokens;
}
