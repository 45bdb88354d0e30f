import type { CoreClientConfig } from "../core/client.js";
import { InvalidInputError } from "../core/errors.js";
import type { CoreClientOptions } from "../core/options.js";
import type { Pipeline } from "../core/pipeline.js";
import { ApiRequester, jsonResponse, type Send } from "./api-requester.js";
import type { AuthContext } from "./auth-context.js";
import type { AuthenticationClientOptions } from "./client-options.js";
import { coreSetup } from "./client-setup.js";
import { AuthApiError, IdTokenValidatorError, ResponseError } from "./errors.js";
import { authApiErrorFor } from "./http-errors.js";
import { assertSeconds } from "./id-token/check-options.js";
import { JwksCache } from "./id-token/jwks-cache.js";
import { IdTokenVerifier, type IdTokenSigningAlg } from "./id-token/verifier.js";
import { fetchInit } from "./init-overrides.js";
import type { PipelineRequest } from "../core/http.js";

const DEFAULT_CLOCK_TOLERANCE_S = 60;

/**
 * How a client of the Authentication API is set up, in two steps around the core constructor (`super()` must come
 * between them): `authCoreOptions` checks the options and says how to configure the core; `authContextFor` adds the
 * `fetchInit` link and builds the context the endpoint groups (`OAuth`, `Database`, …) send through.
 */
export function authCoreOptions(options: AuthenticationClientOptions): {
  given: AuthenticationClientOptions;
  core: CoreClientOptions & { domain?: unknown };
  config: CoreClientConfig;
} {
  const given = checkOptions(options);
  return { given, ...coreSetup(given, false) };
}

export function authContextFor(
  given: AuthenticationClientOptions,
  client: {
    pipeline: Pipeline;
    origin: string;
    send: Send;
    reportError: (request: PipelineRequest, error: unknown) => void | Promise<void>;
  },
): AuthContext {
  const { pipeline, origin } = client;
  pipeline.use(fetchInit(), pipeline.has("rawResponse") ? { name: "fetchInit", after: "rawResponse" } : { name: "fetchInit" });
  const requester = new ApiRequester(client.send, client.reportError, authApiErrorFor, given.headers);
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
  return {
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
