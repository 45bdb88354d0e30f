import { createToken } from "./container.js";
import type { ClientHookable } from "./hooks.js";
import type { LevelledLogger } from "./logger.js";
import type { Fetcher, Pipeline } from "./pipeline.js";
import type { TokenProvider } from "./token-provider.js";
import type { ResolvedClientOptions } from "./options.js";

/** The keys under which a client's container holds its parts. */
export const Tokens = {
  options: createToken<ResolvedClientOptions>("auth0.options"),
  logger: createToken<LevelledLogger | undefined>("auth0.logger"),
  hooks: createToken<ClientHookable>("auth0.hooks"),
  fetcher: createToken<Fetcher>("auth0.fetcher"),
  tokenProvider: createToken<TokenProvider | undefined>("auth0.tokenProvider"),
  pipeline: createToken<Pipeline>("auth0.pipeline"),
} as const;
