import { BaseAPI } from "./base-api.js";
import { ClientContainer } from "./container.js";
import { InvalidInputError } from "./errors.js";
import { createClientHooks, emit, type ClientHookable } from "./hooks.js";
import { DEFAULT_MAX_RESPONSE_BYTES, type Auth0Api, type Operation, type PipelineRequest, type PipelineResponse, type ResponseBodyMode } from "./http.js";
import { createLevelledLogger, type LevelledLogger } from "./logger.js";
import type { CoreClientOptions, ResolvedClientOptions } from "./options.js";
import { Pipeline, type Fetcher, type PipelineMiddleware } from "./pipeline.js";
import { applyPlugins, type Plugin, type PluginContext, type PluginExtensions } from "./plugin.js";
import type { HeaderValue, RequestOptions } from "./request-options.js";
import { telemetryHeader } from "./telemetry.js";
import { SKIP_AUTH, type TokenProvider } from "./token-provider.js";
import { Tokens } from "./tokens.js";
import { mergeQuery } from "./query.js";
import { parseUrl } from "./url.js";
import { assertHeader, originFromDomain } from "./validate.js";
import { auth } from "../middleware/auth.js";
import { customDomain } from "../middleware/custom-domain.js";
import { logging } from "../middleware/logging.js";
import { rawResponse } from "../middleware/raw-response.js";
import { retry, type RetryOptions } from "../middleware/retry.js";
import { timeout } from "../middleware/timeout.js";
import { customFetcher } from "../transport/custom-fetcher.js";
import { kyFetcher } from "../transport/ky-fetcher.js";

/** How a concrete client (Management, Authentication, UserInfo) configures the core. */
export interface CoreClientConfig {
  /**
   * The API this client calls: its requests' `operation.api` unless a call names another (the token request).
   * Default `"management"` (optional, so client classes written before it existed still compile).
   */
  readonly api?: Auth0Api;
  /** Path under the origin that relative request paths resolve against, e.g. `/api/v2`. */
  readonly basePath: string;
  readonly defaultTimeoutMs: number;
  readonly defaultMaxRetries: number;
  readonly retry?: Omit<RetryOptions, "hooks" | "onHookError">;
  /** `Auth0-Custom-Domain` for whitelisted paths. */
  readonly customDomain?: string;
  /** Creates the token provider; `send` runs a call through this client's chain with the `auth` link skipped. */
  readonly tokenProvider?: (tools: TokenProviderTools) => TokenProvider | undefined;
}

/** What a token provider gets from its client. */
export interface TokenProviderTools {
  send(call: CallSpec, mapError?: (error: unknown, request: PipelineRequest) => unknown): Promise<{ request: PipelineRequest; response: PipelineResponse }>;
  readonly hooks: ClientHookable;
  readonly options: ResolvedClientOptions;
  /** Report an observer's failure without failing the request. */
  readonly onHookError: (error: unknown) => void;
}

/** One HTTP call, as a resource method or a client describes it to the core. */
export interface CallSpec {
  /** The endpoint; `api` defaults to the client's. */
  readonly operation: Omit<Operation, "api"> & { readonly api?: Auth0Api };
  /** Encoded path relative to the base URL, or an absolute URL. */
  readonly path: string;
  /** Already-serialised query pairs, in wire order. */
  readonly query?: string;
  /** Endpoint headers (lower-case names), below the request options' headers. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: NonNullable<RequestInit["body"]> | undefined;
  readonly responseBody?: ResponseBodyMode;
  /** Leave out the client's `headers` option (telemetry is still sent): for calls to another API, like the token request. */
  readonly withoutClientHeaders?: boolean;
  readonly options?: RequestOptions | undefined;
  readonly context?: Record<string, unknown>;
}

type PresetCarrier = { presetPlugins?: readonly Plugin<object>[] };

/** A client class that also applies `P`: its instances carry what the plugins add. */
export type WithPlugins<This extends abstract new (...args: never[]) => CoreClient, P extends readonly Plugin<object, never>[]> = (new (
  ...args: ConstructorParameters<This>
) => InstanceType<This> & PluginExtensions<P>) &
  This;

/**
 * What every client shares: a container, the ordered middleware chain over a fetcher, lifecycle hooks and plugins.
 * Everything is built and resolved once, here; a request only walks the composed chain.
 */
export abstract class CoreClient extends BaseAPI {
  /** Plugins every instance of this class applies first (`.with()` extends the list). */
  static presetPlugins: readonly Plugin<object>[] = [];

  /** The middleware chain: add, replace or remove links at runtime. */
  readonly pipeline: Pipeline;
  /**
   * Lifecycle hooks: `client.lifecycle.hook("request:retry", (event) => …)` returns its unregister function.
   * (Not `hooks`: on the Management client that name is the API's Hooks resource.)
   */
  readonly lifecycle: ClientHookable;
  readonly #options: ResolvedClientOptions;
  readonly #logger: LevelledLogger | undefined;
  readonly #onHookError: (error: unknown) => void;
  readonly #fetchOptions: Readonly<Record<string, unknown>> | undefined;
  readonly #api: Auth0Api;

  protected constructor(options: CoreClientOptions & { domain?: unknown }, config: CoreClientConfig) {
    super();
    if (options === null || typeof options !== "object") throw new InvalidInputError("options", "Client options must be an object");
    const resolved = resolveOptions(options, config);
    const container = new ClientContainer();
    container.registerValue(Tokens.options, resolved);
    container.register(Tokens.logger, () => createLevelledLogger(options.logging));
    container.register(Tokens.hooks, () => createClientHooks());
    container.register(Tokens.fetcher, () => (options.fetcher ? customFetcher(options.fetcher) : kyFetcher()));
    container.register(Tokens.tokenProvider, (c) =>
      config.tokenProvider?.({
        send: (call, mapError) => this.send({ ...call, context: { ...call.context, [SKIP_AUTH]: true } }, mapError),
        hooks: c.resolve(Tokens.hooks),
        options: resolved,
        onHookError: this.#onHookError,
      }),
    );
    container.register(Tokens.pipeline, (c) => {
      const hooks = c.resolve(Tokens.hooks);
      const links: Array<readonly [string, PipelineMiddleware]> = [
        ["auth", auth(c.resolve(Tokens.tokenProvider), tokenOrigins(resolved.origin, config.customDomain))],
        ["customDomain", customDomain(config.customDomain)],
        ["retry", retry({ ...config.retry, hooks, onHookError: this.#onHookError })],
        ["timeout", timeout()],
        ["logging", logging(c.resolve(Tokens.logger))],
        ["rawResponse", rawResponse(hooks, this.#onHookError)],
      ];
      return new Pipeline(links, c.resolve(Tokens.fetcher));
    });

    this.#options = resolved;
    this.#api = config.api ?? "management";
    this.#fetchOptions = options.agent === undefined ? undefined : Object.freeze({ dispatcher: options.agent });
    this.#logger = container.resolve(Tokens.logger);
    this.#onHookError = (error) => this.#logger?.log("warn", "auth0: a hook threw", error);
    this.lifecycle = container.resolve(Tokens.hooks);
    this.pipeline = container.resolve(Tokens.pipeline);

    const preset = (new.target as unknown as PresetCarrier).presetPlugins ?? [];
    const context: PluginContext = {
      client: this,
      container,
      hooks: this.lifecycle,
      pipeline: this.pipeline,
      options: resolved,
      addResource: (name, factory) => defineLazy(this, name, factory),
      setFetcher: (fetcher: Fetcher) => this.pipeline.setFetcher(fetcher),
    };
    applyPlugins([...preset, ...(options.plugins ?? [])], context);
    // v5's hooks ({ pre, post, onError }) are sorted out by the auth clients (auth/middleware-option.ts); ManagementClient
    // refuses them here: taking them would add 3.7 KB minified to every Management API app.
    for (const entry of options.middleware ?? []) {
      if (typeof entry === "function") this.pipeline.use(entry);
      else this.pipeline.use(entry.middleware, entry);
    }
  }

  /**
   * A subclass whose instances also apply `plugins`, typed with what they add:
   * `const Client = ManagementClient.with(myPlugin); new Client(options).myResource`.
   */
  static with<This extends abstract new (...args: never[]) => CoreClient, const P extends readonly Plugin<object, InstanceType<This>>[]>(
    this: This,
    ...plugins: P
  ): WithPlugins<This, P> {
    const Base = this as unknown as (abstract new (...args: unknown[]) => CoreClient) & PresetCarrier;
    abstract class Extended extends Base {}
    (Extended as PresetCarrier).presetPlugins = [...(Base.presetPlugins ?? []), ...plugins];
    return Extended as unknown as WithPlugins<This, P>;
  }

  /** Send one call through the chain. Transport failures are passed through `mapError` before they reach the caller. */
  protected async send(call: CallSpec, mapError: (error: unknown, request: PipelineRequest) => unknown = (e) => e): Promise<{
    request: PipelineRequest;
    response: PipelineResponse;
  }> {
    const request = await this.#buildRequest(call);
    try {
      await emit(this.lifecycle, "request:start", { request }, this.#onHookError);
      const response = await this.pipeline.send(request);
      return { request, response };
    } catch (thrown) {
      const error = mapError(thrown, request);
      await emit(this.lifecycle, "request:error", { request, error }, this.#onHookError);
      throw error;
    }
  }

  /** Report a failed call (an HTTP error status) to `request:error` observers. */
  protected reportError(request: PipelineRequest, error: unknown): Promise<void> | void {
    return emit(this.lifecycle, "request:error", { request, error }, this.#onHookError);
  }

  protected get resolvedOptions(): ResolvedClientOptions {
    return this.#options;
  }

  async #buildRequest(call: CallSpec): Promise<PipelineRequest> {
    const options = call.options ?? {};
    const resolved = this.#options;
    // One complete string, parsed once: no URL setter (React Native's URL has none that work).
    const href = /^https?:\/\//.test(call.path) ? call.path : `${resolved.baseUrl}${call.path}`;
    const search = mergeQuery(call.query, options.queryParams);
    const url = parseUrl(search === "" ? href : withSearch(href, search));

    const headers: Record<string, string> = {};
    if (call.withoutClientHeaders) {
      const telemetry = resolved.headers["auth0-client"];
      if (typeof telemetry === "string") headers["auth0-client"] = telemetry;
    } else {
      await mergeHeaders(headers, resolved.headers);
    }
    if (call.headers) Object.assign(headers, call.headers);
    if (options.headers) await mergeHeaders(headers, options.headers);
    for (const name in headers) assertHeader(name, headers[name]!);

    return {
      method: call.operation.method,
      url,
      headers,
      body: call.body,
      responseBody: call.responseBody ?? "json",
      timeoutMs: seconds("timeoutInSeconds", options.timeoutInSeconds) ?? resolved.timeoutMs,
      maxRetries: count("maxRetries", options.maxRetries) ?? resolved.maxRetries,
      maxResponseBytes: resolved.maxResponseBytes,
      signal: options.abortSignal,
      operation: { api: this.#api, ...call.operation },
      attempt: 0,
      context: call.context ?? {},
      fetchOptions: this.#fetchOptions,
    };
  }
}

function resolveOptions(options: CoreClientOptions & { domain?: unknown }, config: CoreClientConfig): ResolvedClientOptions {
  const origin = originFromDomain(options.domain);
  const headers: Record<string, HeaderValue> = {};
  const telemetry = telemetryHeader(options);
  if (telemetry !== undefined) headers["auth0-client"] = telemetry;
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (typeof value === "string") assertHeader(name, value);
    headers[name.toLowerCase()] = value;
  }
  return Object.freeze({
    origin,
    baseUrl: `${origin}${config.basePath}`,
    headers: Object.freeze(headers),
    timeoutMs: seconds("timeoutInSeconds", options.timeoutInSeconds) ?? config.defaultTimeoutMs,
    maxRetries: count("maxRetries", options.maxRetries) ?? config.defaultMaxRetries,
    maxResponseBytes: byteLimit(options.maxResponseBytes),
    raw: options,
  });
}

/** The href with its query replaced by `search` (already encoded), its fragment kept: what `url.search = search` did. */
function withSearch(href: string, search: string): string {
  const hash = href.indexOf("#");
  const beforeHash = hash < 0 ? href : href.slice(0, hash);
  const query = beforeHash.indexOf("?");
  return `${query < 0 ? beforeHash : beforeHash.slice(0, query)}?${search}${hash < 0 ? "" : href.slice(hash)}`;
}

async function mergeHeaders(target: Record<string, string>, source: Readonly<Record<string, HeaderValue>>): Promise<void> {
  for (const name in source) {
    const key = name.toLowerCase();
    let value = source[name];
    if (typeof value === "function") value = await value();
    if (value === null || value === undefined) delete target[key];
    else target[key] = typeof value === "string" ? value : String(value);
  }
}

function seconds(field: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !(value >= 0)) throw new InvalidInputError(field, `"${field}" must be a number of seconds ≥ 0`);
  return value * 1000;
}

function count(field: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new InvalidInputError(field, `"${field}" must be a whole number ≥ 0`);
  }
  return value;
}

/** Where the client's token may go: the tenant's origin, and the custom domain's (always HTTPS) when one is set. */
function tokenOrigins(origin: string, customDomain: string | undefined): ReadonlySet<string> {
  const origins = new Set([origin]);
  if (customDomain !== undefined) {
    try {
      origins.add(originFromDomain(customDomain, "withCustomDomainHeader"));
    } catch {
      // Not a host name: no origin to trust (the header link still sends the value as given, as v5 does).
    }
  }
  return origins;
}

function byteLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidInputError("maxResponseBytes", `"maxResponseBytes" must be a whole number of bytes ≥ 1, not ${String(value)}`);
  }
  return value;
}

function defineLazy(target: object, name: string, factory: () => unknown): void {
  if (name in target) throw new InvalidInputError("resource", `The client already has a member named "${name}"`);
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: false,
    get() {
      const value = factory();
      Object.defineProperty(target, name, { value, configurable: true, enumerable: false, writable: false });
      return value;
    },
  });
}
