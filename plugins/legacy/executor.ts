/**
 * Runs one v4 method call from its descriptor: checks the required keys, fills in the path, encodes the query and
 * the body as v4 did, applies `initOverrides`, sends the call through the client's chain, and reads the response
 * into `{ data, headers, status, statusText }` (v4's `JSONApiResponse`, `VoidApiResponse`, `TextApiResponse`) or v4's error.
 */
import {
  encodePathSegment,
  JSONApiResponse,
  RequiredError,
  ResponseError,
  TextApiResponse,
  VoidApiResponse,
  type ApiResponse,
  type CallSpec,
  type PipelineRequest,
  type PipelineResponse,
} from "auth0";
import type { LegacyEndpoint } from "./endpoint.js";
import { managementApiErrorFor, toLegacyError } from "./errors.js";
import { resolveInitOverride, serialiseBody, type HTTPMethod, type HTTPQuery, type InitOverride } from "./init-overrides.js";
import { FETCH_INIT } from "./transport.js";

export type Send = (call: CallSpec, mapError: (error: unknown) => unknown) => Promise<{ request: PipelineRequest; response: PipelineResponse }>;
export type ReportError = (request: PipelineRequest, error: unknown) => void | Promise<void>;

type Values = Readonly<Record<string, unknown>>;

const PATH_PARAM = /\{([^}]+)\}/g;

/** v4's query string: listed keys only, in order; undefined left out, null sent as "null", arrays as repeated keys. */
function encodeQuery(keys: readonly string[], values: Values): { search: string; query: HTTPQuery } {
  const parts: string[] = [];
  const query: HTTPQuery = {};
  for (const key of keys) {
    const value = values[key];
    if (value === undefined) continue;
    query[key] = value as HTTPQuery[string];
    const name = encodeURIComponent(key);
    if (Array.isArray(value)) parts.push(`${name}=${value.map((item) => encodeURIComponent(String(item))).join(`&${name}=`)}`);
    else parts.push(`${name}=${encodeURIComponent(String(value))}`);
  }
  return { search: parts.join("&"), query };
}

/** v4's multipart body: the listed fields that are not undefined, numbers and booleans as text. */
function formBody(fields: readonly string[], values: Values): FormData {
  const form = new FormData();
  for (const field of fields) {
    const value = values[field];
    if (value === undefined) continue;
    form.append(field, typeof value === "number" || typeof value === "boolean" ? String(value) : (value as string | Blob));
  }
  return form;
}

function asValues(value: unknown): Values {
  return value !== null && typeof value === "object" ? (value as Values) : {};
}

function responseText(response: PipelineResponse): string {
  if (typeof response.body === "string") return response.body;
  return response.body === undefined ? "" : JSON.stringify(response.body);
}

export class LegacyExecutor {
  readonly #send: Send;
  readonly #reportError: ReportError;
  readonly #clientHeaders: Readonly<Record<string, string>>;

  /** `clientHeaders`: the `headers` option, shown to `initOverrides` functions as v4 did. */
  constructor(send: Send, reportError: ReportError, clientHeaders: Readonly<Record<string, string>> | undefined) {
    this.#send = send;
    this.#reportError = reportError;
    this.#clientHeaders = clientHeaders ?? {};
  }

  /** One call: `args` are the method's arguments (request parameters, body, initOverrides, as the endpoint takes them). */
  async run(endpoint: LegacyEndpoint, args: readonly unknown[]): Promise<ApiResponse<unknown>> {
    let index = 0;
    const values = endpoint.takesParams ? asValues(args[index++]) : {};
    const bodyArgument = endpoint.body !== undefined ? args[index++] : undefined;
    const initOverrides = args[index] as InitOverride | undefined;

    for (const key of endpoint.required) {
      if (values[key] === null || values[key] === undefined) throw new RequiredError(key);
    }
    // v4 sent any value as its text; "", "." and ".." are refused as on the v5 surface (they would leave the segment).
    const path = endpoint.path.replace(PATH_PARAM, (_, name: string) => encodePathSegment(name, String(values[name])));
    const { search, query } = encodeQuery(endpoint.query, values);
    const methodHeaders: Record<string, string> = {};
    let body: unknown = bodyArgument;
    if (endpoint.body === "json") methodHeaders["Content-Type"] = "application/json";
    else if (endpoint.body !== undefined) body = formBody(endpoint.body, asValues(bodyArgument));

    const method = endpoint.method as HTTPMethod;
    const overrides = await resolveInitOverride(
      initOverrides,
      { method, headers: { ...this.#clientHeaders, ...methodHeaders }, body },
      { path, method, headers: methodHeaders, query, body },
    );
    const { request, response } = await this.#send(
      {
        operation: { method: overrides.method ?? method, path: endpoint.path },
        path,
        query: search,
        headers: methodHeaders["Content-Type"] ? { "content-type": methodHeaders["Content-Type"] } : undefined,
        body: overrides.body ? overrides.body.value : serialiseBody(body),
        responseBody: "text",
        options: { ...(overrides.headers ? { headers: overrides.headers } : {}), ...(overrides.signal ? { abortSignal: overrides.signal } : {}) },
        ...(overrides.extra ? { context: { [FETCH_INIT]: overrides.extra } } : {}),
      },
      toLegacyError,
    );

    const text = responseText(response);
    const { status, statusText, headers } = response;
    if (status < 200 || status >= 300) {
      const error = managementApiErrorFor(status, text, headers);
      await this.#reportError(request, error);
      throw error;
    }
    if (endpoint.response === "void" || (endpoint.response === "json-or-void" && status === 204)) return new VoidApiResponse(headers, status, statusText);
    if (endpoint.response === "text") return new TextApiResponse(text, headers, status, statusText);
    let data: unknown;
    try {
      data = text === "" ? undefined : JSON.parse(text);
    } catch {
      throw new ResponseError(status, text, headers, "The response body is not valid JSON");
    }
    return new JSONApiResponse(data, headers, status, statusText);
  }
}
