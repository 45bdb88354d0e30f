import { InvalidInputError } from "../core/errors.js";
import type { Plugin } from "../core/plugin.js";
import type { TokenProvider } from "../core/token-provider.js";
import { ManagementResourcesClient } from "./resources-client.js";
import type { TokenCache } from "./token-cache.js";
import { throttlePlugin, type ThrottleOptions } from "../plugins/throttle/index.js";
import { ClientCredentialsTokenProvider, staticTokenProvider, type TokenSupplier } from "./token-provider.js";
import type { CoreClientOptions } from "../core/options.js";

export type { ManagementFetchOptions } from "./resources-client.js";

/** Options every variant of `ManagementClientOptions` shares. */
export interface ManagementClientBaseOptions extends CoreClientOptions {
  /** Your tenant's host, e.g. `my-tenant.us.auth0.com` (`http://127.0.0.1:PORT` is accepted for local testing). */
  domain: string;
  /** The API audience for client-credentials tokens. Default `https://{domain}/api/v2/`. */
  audience?: string;
  /** Add `Auth0-Custom-Domain` to the endpoints that accept it (emails, tickets, users, invitations). */
  withCustomDomainHeader?: string;
  /** Where client-credentials tokens are kept (default: in memory). Share one store to share one token. */
  tokenCache?: TokenCache;
  /** The default preset's client-side rate limiting: its options, or `false` to switch it off. */
  throttle?: ThrottleOptions | false;
}

export type ManagementClientOptionsWithToken = ManagementClient.ManagementClientOptionsWithToken;
export type ManagementClientOptionsWithClientSecret = ManagementClient.ManagementClientOptionsWithClientSecret;
export type ManagementClientOptionsWithClientAssertion = ManagementClient.ManagementClientOptionsWithClientAssertion;
export type ManagementClientOptionsWithClientCredentials = ManagementClient.ManagementClientOptionsWithClientCredentials;
export type ManagementClientOptions = ManagementClient.ManagementClientOptions;

type AnyManagementOptions = ManagementClientBaseOptions & {
  token?: TokenSupplier;
  clientId?: string;
  clientSecret?: string;
  clientAssertionSigningKey?: string;
  clientAssertionSigningAlg?: string;
  useMTLS?: boolean;
};

/**
 * The Auth0 Management API v2: every v5 method (`client.users.list()`, `client.organizations.members.roles.assign()`),
 * on the shared core. Resources are built on first access.
 */
export class ManagementClient extends ManagementResourcesClient {
  /** The default preset: client-side rate limiting learned from the tenant's headers. */
  static override presetPlugins: readonly Plugin<object>[] = [throttlePlugin()];

  constructor(options: ManagementClientOptions) {
    const all = (options ?? {}) as AnyManagementOptions;
    super(all, {
      api: "management",
      basePath: "/api/v2",
      defaultTimeoutMs: 60_000,
      defaultMaxRetries: 2,
      customDomain: customDomainOption(all.withCustomDomainHeader),
      tokenProvider: (tools) => createTokenProvider(all, tools.options.origin, tools),
    });
  }
}

/** The option types, under the class's name as in v5 (`ManagementClient.ManagementClientOptions`). */
export declare namespace ManagementClient {
  interface ManagementClientOptionsWithToken extends ManagementClientBaseOptions {
    /** An access token, or a function that returns one per request. */
    token: TokenSupplier;
  }

  interface ManagementClientOptionsWithClientSecret extends ManagementClientBaseOptions {
    clientId: string;
    clientSecret: string;
    useMTLS?: boolean;
  }

  interface ManagementClientOptionsWithClientAssertion extends ManagementClientBaseOptions {
    clientId: string;
    /** PKCS#8 PEM private key for `private_key_jwt`. */
    clientAssertionSigningKey: string;
    /** Default RS256. */
    clientAssertionSigningAlg?: string;
    useMTLS?: boolean;
  }

  /** Client credentials: a secret or a signed assertion. */
  type ManagementClientOptionsWithClientCredentials = ManagementClientOptionsWithClientSecret | ManagementClientOptionsWithClientAssertion;

  type ManagementClientOptions = ManagementClientOptionsWithToken | ManagementClientOptionsWithClientCredentials;
}

function customDomainOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidInputError("withCustomDomainHeader", "Domain parameter is required and must be a non-empty string");
  }
  return value.trim();
}

function createTokenProvider(
  options: AnyManagementOptions,
  origin: string,
  tools: ConstructorParameters<typeof ClientCredentialsTokenProvider>[2],
): TokenProvider {
  if (options.token !== undefined) {
    if (typeof options.token !== "string" && typeof options.token !== "function") {
      throw new InvalidInputError("token", "The \"token\" option must be a string or a function returning one");
    }
    return staticTokenProvider(options.token);
  }
  if (typeof options.clientId !== "string" || options.clientId === "") {
    throw new InvalidInputError("token", "Give either \"token\", or \"clientId\" with \"clientSecret\" or \"clientAssertionSigningKey\"");
  }
  if (!options.clientSecret && !options.clientAssertionSigningKey && !options.useMTLS) {
    throw new InvalidInputError("clientSecret", "\"clientId\" needs \"clientSecret\" or \"clientAssertionSigningKey\" (or useMTLS)");
  }
  const audience = options.audience ?? `${origin}/api/v2/`;
  return new ClientCredentialsTokenProvider(
    {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      clientAssertionSigningKey: options.clientAssertionSigningKey,
      clientAssertionSigningAlg: options.clientAssertionSigningAlg,
      useMTLS: options.useMTLS,
    },
    audience,
    tools,
    options.tokenCache,
  );
}
