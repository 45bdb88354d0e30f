import { InvalidInputError, ManagementClient as CoreManagementClient, type ManagementClientOptions as CoreOptions } from "auth0";
import type { ManagementConfiguration } from "./configuration.js";
import { managementApiErrorFor } from "./errors.js";
import { LegacyExecutor, type ErrorFor } from "./executor.js";
import { legacyPlugin } from "./plugin.js";
import { maxRetriesOf } from "./retry.js";
import { legacyClientInfo } from "./telemetry.js";

const DEFAULT_TIMEOUT_MS = 10_000;
const API_PATH = "/api/v2";
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** v4's `ManagementClient` error parser: `ManagementApiError` for a JSON body, `ResponseError` otherwise. */
export async function managementParseError(response: Response): Promise<Error> {
  return managementApiErrorFor(response.status, await response.text(), response.headers);
}

/** `https://host/api/v2` → the core's `domain` option (an `http://` base only for a loopback host, as the core allows). */
function siteOf(baseUrl: string): { domain: string; custom: boolean } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InvalidInputError("baseUrl", `"baseUrl" is not a URL: ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new InvalidInputError("baseUrl", '"baseUrl" must be an https:// URL');
  return { domain: url.protocol === "http:" ? url.origin : url.host, custom: url.pathname.replace(/\/+$/, "") !== API_PATH };
}

/**
 * A v4 `Configuration` (it has a `baseUrl`) without credentials sends what its headers and middleware set, as v4 did;
 * otherwise (the `ManagementClient` options) the core insists on a token or client credentials.
 */
function withoutCredentials(configuration: ManagementConfiguration): boolean {
  return configuration.baseUrl !== undefined && configuration.token === undefined && configuration.clientId === undefined;
}

/** The v5 client's options for a v4 configuration: the same credentials and headers, v4's telemetry, timeout and retries. */
function coreOptions(configuration: ManagementConfiguration, domain: string | undefined): CoreOptions {
  const timeoutMs = typeof configuration.timeoutDuration === "number" ? configuration.timeoutDuration : DEFAULT_TIMEOUT_MS;
  const mapped: Record<string, unknown> = {
    domain,
    audience: configuration.audience,
    // Without credentials the `auth` link is taken out: the token is never asked for.
    token: withoutCredentials(configuration) ? "" : configuration.token,
    clientId: configuration.clientId,
    clientSecret: configuration.clientSecret,
    clientAssertionSigningKey: configuration.clientAssertionSigningKey,
    clientAssertionSigningAlg: configuration.clientAssertionSigningAlg,
    useMTLS: configuration.useMTLS,
    headers: configuration.headers,
    telemetry: configuration.telemetry,
    clientInfo: configuration.clientInfo ?? legacyClientInfo(),
    agent: configuration.agent,
    maxResponseBytes: configuration.maxResponseBytes,
    timeoutInSeconds: timeoutMs / 1000,
    maxRetries: maxRetriesOf(configuration.retry),
    // v4 had no client-side throttle: keep its behaviour (each request goes out at once; 429s go to v4's retry rule).
    throttle: false,
    plugins: [legacyPlugin({ retry: configuration.retry, middleware: configuration.middleware, fetch: configuration.fetch, timeoutMs })],
  };
  for (const key of Object.keys(mapped)) if (mapped[key] === undefined) delete mapped[key];
  return mapped as unknown as CoreOptions;
}

/** A configuration's `parseError`, given the response as text (the built-in one reads it directly). */
function errorForOf(parseError: ManagementConfiguration["parseError"]): ErrorFor | undefined {
  if (parseError === undefined || parseError === managementParseError) return undefined;
  if (typeof parseError !== "function") throw new InvalidInputError("parseError", '"parseError" must be a function (response) => Error');
  return (status, statusText, text, headers) =>
    parseError(new Response(NULL_BODY_STATUSES.has(status) ? null : text, { status, statusText, headers }));
}

/**
 * The core a v4 API class runs on: the package's v5 `ManagementClient` (its chain, hooks and client-credentials token
 * provider) with the `auth0:legacy` plugin, and the executor that runs v4 method calls through it.
 */
export class LegacyCore extends CoreManagementClient {
  readonly executor: LegacyExecutor;

  constructor(configuration: ManagementConfiguration) {
    const given = (configuration !== null && typeof configuration === "object" ? configuration : {}) as ManagementConfiguration;
    if (given.baseUrl !== undefined && typeof given.baseUrl !== "string") throw new InvalidInputError("baseUrl", '"baseUrl" must be a string');
    // Without a base URL, the core checks `domain` (and says it is required).
    const site = given.baseUrl ? siteOf(given.baseUrl) : undefined;
    super(coreOptions(given, site?.domain ?? given.domain));
    if (withoutCredentials(given)) this.pipeline.replace("auth", (request, next) => next(request));
    this.executor = new LegacyExecutor({
      send: (call, mapError) => this.send(call, mapError),
      reportError: (request, error) => this.reportError(request, error),
      clientHeaders: given.headers,
      errorFor: errorForOf(given.parseError),
      baseUrl: site?.custom ? given.baseUrl!.replace(/\/+$/, "") : undefined,
    });
  }
}
