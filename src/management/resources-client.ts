import { CoreClient, type CoreClientConfig } from "../core/client.js";
import { InvalidInputError } from "../core/errors.js";
import type { CoreClientOptions } from "../core/options.js";
import type { RequestOptions } from "../core/request-options.js";
import { TRUSTED_ORIGIN } from "../core/token-provider.js";
import { parseUrl } from "../core/url.js";
import { isLoopbackHost } from "../core/validate.js";
import type { ResourceTable } from "./endpoint.js";
import { ManagementExecutor, toManagementError } from "./executor.js";
import { resourceTables, type ManagementResources } from "./generated/resources/index.js";
import { buildResource, defineCachedGetter } from "./resource.js";

/**
 * The Management API's resources (`client.users`, …, built on first access) and the raw `fetch`, over the core. The
 * public `ManagementClient` adds the options (credentials, custom domain, presets); as in v5, whose `ManagementClient`
 * extends the generated client of the same name, this class is called `ManagementClient` at run time.
 */
export abstract class ManagementResourcesClient extends CoreClient {
  readonly #executor: ManagementExecutor;

  protected constructor(options: CoreClientOptions & { domain?: unknown }, config: CoreClientConfig) {
    super(options, config);
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
    Object.defineProperty(this, "name", { value: "ManagementClient" });
    // One lazy getter per top-level resource on the prototype; each instance builds a resource on first access.
    for (const name of Object.keys(resourceTables)) {
      const table = (resourceTables as Record<string, ResourceTable>)[name]!;
      Object.defineProperty(this.prototype, name, {
        configurable: true,
        enumerable: false,
        get(this: ManagementResourcesClient) {
          const resource = buildResource(this.#executor, table, name);
          defineCachedGetter(this, name, () => resource);
          return resource;
        },
      });
    }
  }
}

// The generated resources, typed: `client.users`, `client.organizations`, …
export interface ManagementResourcesClient extends ManagementResources {}

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

