import { CoreClient } from "../core/client.js";
import { InvalidInputError } from "../core/errors.js";
import { ApiRequester, jsonResponse } from "./api-requester.js";
import type { AuthContext } from "./auth-context.js";
import { BackchannelEndpoints, type Backchannel } from "./backchannel.js";
import type { AuthenticationClientOptions } from "./client-options.js";
import { coreSetup } from "./client-setup.js";
import { DatabaseEndpoints, type Database } from "./database.js";
import { AuthApiError, IdTokenValidatorError, ResponseError } from "./errors.js";
import { authApiErrorFor } from "./http-errors.js";
import { assertSeconds } from "./id-token/check-options.js";
import { JwksCache } from "./id-token/jwks-cache.js";
import { IdTokenVerifier, type IdTokenSigningAlg } from "./id-token/verifier.js";
import { fetchInit } from "./init-overrides.js";
import type { OAuth } from "./oauth-types.js";
import { OAuthEndpoints } from "./oauth.js";
import { PasswordlessEndpoints, type Passwordless } from "./passwordless.js";
import { TokenExchangeEndpoints, type CustomTokenExchange } from "./token-exchange.js";

const DEFAULT_CLOCK_TOLERANCE_S = 60;

/**
 * The Auth0 Authentication API, as in v5: `oauth`, `database`, `passwordless`, `backchannel` and `tokenExchange`, on
 * the shared core (so the middleware chain, hooks, logging, plugins and custom transports all apply). Retries are off
 * unless `retry.enabled` is set. ID tokens the grants return are validated before you see them.
 */
export class AuthenticationClient extends CoreClient {
  readonly oauth: OAuth;
  readonly database: Database;
  readonly passwordless: Passwordless;
  readonly backchannel: Backchannel;
  readonly tokenExchange: CustomTokenExchange;

  constructor(options: AuthenticationClientOptions) {
    const given = checkOptions(options);
    const { core, config } = coreSetup(given, false);
    super(core, config);
    this.pipeline.use(fetchInit(), this.pipeline.has("rawResponse") ? { name: "fetchInit", after: "rawResponse" } : { name: "fetchInit" });

    const origin = this.resolvedOptions.origin;
    const requester = new ApiRequester(
      (call, mapError) => this.send(call, mapError),
      (request, error) => this.reportError(request, error),
      authApiErrorFor,
      given.headers,
    );
    const jwks = new JwksCache(async () => {
      try {
        return jsonResponse(await requester.call({ method: "GET", url: `${origin}/.well-known/jwks.json`, path: "/.well-known/jwks.json" })).data;
      } catch (error) {
        if (error instanceof AuthApiError || error instanceof ResponseError) {
          throw new IdTokenValidatorError(`Could not get the tenant's JSON Web Key Set (HTTP ${error.statusCode})`, { cause: error });
        }
        throw error;
      }
    });
    const context: AuthContext = {
      requester,
      clientId: given.clientId,
      credentials: given,
      origin,
      // v5 puts only the OAuth endpoints on the mTLS host; the ID token issuer stays the tenant's own host.
      oauthOrigin: given.useMTLS ? origin.replace("://", "://mtls.") : origin,
      idTokens: new IdTokenVerifier({
        issuer: `${origin}/`,
        clientId: given.clientId,
        clientSecret: given.clientSecret,
        alg: (given.idTokenSigningAlg ?? "RS256") as IdTokenSigningAlg,
        clockTolerance: given.clockTolerance ?? DEFAULT_CLOCK_TOLERANCE_S,
        jwks,
      }),
    };
    this.oauth = new OAuthEndpoints(context);
    this.database = new DatabaseEndpoints(context);
    this.passwordless = new PasswordlessEndpoints(context);
    this.backchannel = new BackchannelEndpoints(context);
    this.tokenExchange = new TokenExchangeEndpoints(context);
  }
}

function checkOptions(options: AuthenticationClientOptions): AuthenticationClientOptions {
  if (options === null || typeof options !== "object") throw new InvalidInputError("options", "Client options must be an object");
  if (typeof options.clientId !== "string" || options.clientId === "") {
    throw new InvalidInputError("clientId", 'The "clientId" option is required: your application\'s client ID');
  }
  const alg = options.idTokenSigningAlg;
  if (alg !== undefined && alg !== "RS256" && alg !== "HS256") {
    throw new InvalidInputError("idTokenSigningAlg", `"idTokenSigningAlg" must be "RS256" or "HS256", not ${JSON.stringify(alg)}`);
  }
  if (options.clockTolerance !== undefined) assertSeconds("clockTolerance", options.clockTolerance);
  return options;
}
