import { CoreClient } from "../core/client.js";
import { InvalidInputError } from "../core/errors.js";
import { parseUrl } from "../core/url.js";
import { isLoopbackHost } from "../core/validate.js";
import type { CoreClientOptions } from "../core/options.js";
import type { Plugin } from "../core/plugin.js";
import type { RequestOptions } from "../core/request-options.js";
import { TRUSTED_ORIGIN, type TokenProvider } from "../core/token-provider.js";
import type { ResourceTable } from "./endpoint.js";
import { ManagementExecutor, toManagementError } from "./executor.js";
import { resourceTables, type ManagementResources } from "./generated/resources/index.js";
import { buildResource, defineCachedGetter } from "./resource.js";
import type { TokenCache } from "./token-cache.js";
import { throttlePlugin, type ThrottleOptions } from "../plugins/throttle/index.js";
import { ClientCredentialsTokenProvider, staticTokenProvider, type TokenSupplier } from "./token-provider.js";

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

export interface ManagementClientOptionsWithToken extends ManagementClientBaseOptions {
  /** An access token, or a function that returns one per request. */
  token: TokenSupplier;
}

export interface ManagementClientOptionsWithClientSecret extends ManagementClientBaseOptions {
  clientId: string;
  clientSecret: string;
  useMTLS?: boolean;
}

export interface ManagementClientOptionsWithClientAssertion extends ManagementClientBaseOptions {
  clientId: string;
  /** PKCS#8 PEM private key for `private_key_jwt`. */
  clientAssertionSigningKey: string;
  /** Default RS256. */
  clientAssertionSigningAlg?: string;
  useMTLS?: boolean;
}

export type ManagementClientOptions =
  | ManagementClientOptionsWithToken
  | ManagementClientOptionsWithClientSecret
  | ManagementClientOptionsWithClientAssertion;

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
export class ManagementClient extends CoreClient {
  /** The default preset: client-side rate limiting learned from the tenant's headers. */
  static override presetPlugins: readonly Plugin<object>[] = [throttlePlugin()];

  readonly #executor: ManagementExecutor;

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
    this.#executor = new ManagementExecutor(
      (call, mapError) => this.send(call, mapError),
      (request, error) => this.reportError(request, error),
    );
  }

  /**
   * A raw request through the whole chain (auth, retries, timeout, logging): a path resolves against
   * `https://{domain}/api/v2`, and the `Response` comes back as is, whatever its status.
   *
   * The client's token goes only to the tenant's origin (and the custom domain's): an absolute URL elsewhere is
   * refused with `InvalidInputError` before anything is sent, unless `requestOptions.trustOrigin` names its origin.
   */
  async fetch(input: Request | string | URL, init?: RequestInit, requestOptions?: ManagementFetchOptions): Promise<Response> {
    const trusted = trustedOrigin(requestOptions?.trustOrigin);
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : input instanceof URL ? input.href : input;
    if (typeof url !== "string" || url === "") throw new InvalidInputError("input", "fetch() needs a path or URL");
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    const headers: Record<string, string> = {};
    new Headers(request?.headers).forEach((value, key) => (headers[key] = value));
    new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
    const body = init?.body ?? (request && request.body ? await request.arrayBuffer() : undefined);
    const path = /^https?:\/\//i.test(url) ? url : url.startsWith("/") ? url : `/${url}`;
    const [pathOnly, query] = splitQuery(path);
    const signal = requestOptions?.abortSignal ?? init?.signal ?? request?.signal;
    const { response } = await this.send(
      {
        operation: { method, path: pathOnly },
        path: pathOnly,
        query,
        headers,
        body: body ?? undefined,
        responseBody: "stream",
        options: { ...requestOptions, ...(signal ? { abortSignal: signal } : {}) },
        ...(trusted !== undefined ? { context: { [TRUSTED_ORIGIN]: trusted } } : {}),
      },
      toManagementError,
    );
    const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
    return new Response(nullBody ? null : (response.body as ReadableStream | null), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  }

  static {
    // One lazy getter per top-level resource on the prototype; each instance builds a resource on first access.
    for (const name of Object.keys(resourceTables)) {
      const table = (resourceTables as Record<string, ResourceTable>)[name]!;
      Object.defineProperty(ManagementClient.prototype, name, {
        configurable: true,
        enumerable: false,
        get(this: ManagementClient) {
          const resource = buildResource(this.#executor, table, name);
          defineCachedGetter(this, name, () => resource);
          return resource;
        },
      });
    }
  }
}

// The generated resources, typed: `client.users`, `client.organizations`, …
export interface ManagementClient extends ManagementResources {}

/** The third argument of `ManagementClient.fetch`. */
export interface ManagementFetchOptions extends RequestOptions {
  /**
   * An origin (`https://host[:port]`, nothing more) that may receive the client's token for this one call, when the
   * URL is not the tenant's: a proxy or gateway in front of the Management API, say. Without it such a URL is refused.
   */
  trustOrigin?: string;
}

function trustedOrigin(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? parseUrl(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || url.origin !== value || !(url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname)))) {
    throw new InvalidInputError(
      "trustOrigin",
      `"trustOrigin" must be an origin such as "https://gateway.example.com" (https, no path; http only for a loopback host), not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function splitQuery(path: string): [string, string] {
  const index = path.indexOf("?");
  return index < 0 ? [path, ""] : [path.slice(0, index), path.slice(index + 1)];
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
