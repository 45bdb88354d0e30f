import { CoreClient } from "../core/client.js";
import { authContextFor, authCoreOptions } from "./auth-core.js";
import { BackchannelEndpoints, type Backchannel } from "./backchannel.js";
import { sharingContext } from "./base-auth-api.js";
import type { AuthenticationClientOptions } from "./client-options.js";
import { Database } from "./database.js";
import { OAuth } from "./oauth.js";
import { Passwordless } from "./passwordless.js";
import { TokenExchangeEndpoints, type CustomTokenExchange } from "./token-exchange.js";

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
    const { given, core, config } = authCoreOptions(options);
    super(core, config);
    const context = authContextFor(given, {
      pipeline: this.pipeline,
      origin: this.resolvedOptions.origin,
      send: (call, mapError) => this.send(call, mapError),
      reportError: (request, error) => this.reportError(request, error),
    });
    const shared = sharingContext(given, context);
    this.oauth = new OAuth(shared);
    this.database = new Database(shared);
    this.passwordless = new Passwordless(shared);
    this.backchannel = new BackchannelEndpoints(context);
    this.tokenExchange = new TokenExchangeEndpoints(context);
  }
}
