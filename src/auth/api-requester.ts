import type { CallSpec } from "../core/client.js";
import type { PipelineRequest, PipelineResponse } from "../core/http.js";
import type { HeaderValue } from "../core/request-options.js";
import { JSONApiResponse, TextApiResponse, VoidApiResponse } from "./api-response.js";
import { ResponseError } from "./errors.js";
import { FETCH_INIT, resolveInitOverrides, type HTTPMethod, type InitOverride } from "./init-overrides.js";
import { toAuthClientError } from "./http-errors.js";

export type Send = (
  call: CallSpec,
  mapError: (error: unknown, request: PipelineRequest) => unknown,
) => Promise<{ request: PipelineRequest; response: PipelineResponse }>;

/** One call as an Authentication API or `/userinfo` method describes it. */
export interface ApiCall {
  method: HTTPMethod;
  /** Absolute URL (the `oauth.*` methods may use the mTLS host). */
  url: string;
  /** The endpoint as documented, for logs and hooks. */
  path: string;
  /** Sent as `application/x-www-form-urlencoded`, keys in insertion order; undefined and null values are left out. */
  form?: Record<string, unknown>;
  /** Sent as `application/json`. */
  json?: Record<string, unknown>;
  /** Method headers, above the client's `headers` option. */
  headers?: Record<string, string>;
  initOverrides?: InitOverride | undefined;
}

/** A successful response, its body as text (or as the value a custom fetcher already parsed). */
export interface ApiReply {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly text: string;
  readonly parsed?: unknown;
}

/**
 * Turns an `ApiCall` into one trip through the client's chain, the way v5 builds requests: method headers over the
 * client's, `initOverrides` over both, transport failures mapped to `TimeoutError`/`FetchError`, and any status outside
 * 200–299 thrown as the error `errorFor` builds (after `request:error` observers have seen it).
 */
export class ApiRequester {
  readonly #send: Send;
  readonly #reportError: (request: PipelineRequest, error: unknown) => void | Promise<void>;
  readonly #errorFor: (status: number, text: string, headers: Headers) => Error;
  readonly #clientHeaders: Readonly<Record<string, HeaderValue>>;

  constructor(
    send: Send,
    reportError: (request: PipelineRequest, error: unknown) => void | Promise<void>,
    errorFor: (status: number, text: string, headers: Headers) => Error,
    clientHeaders: Readonly<Record<string, HeaderValue>> | undefined,
  ) {
    this.#send = send;
    this.#reportError = reportError;
    this.#errorFor = errorFor;
    this.#clientHeaders = clientHeaders ?? {};
  }

  async call(call: ApiCall): Promise<ApiReply> {
    const methodHeaders: Record<string, string> = {};
    let body: string | undefined;
    let v5Body: unknown;
    if (call.form !== undefined) {
      methodHeaders["Content-Type"] = "application/x-www-form-urlencoded";
      v5Body = formBody(call.form);
      body = String(v5Body);
    } else if (call.json !== undefined) {
      methodHeaders["Content-Type"] = "application/json";
      v5Body = call.json;
      body = JSON.stringify(call.json);
    }
    Object.assign(methodHeaders, call.headers);

    const overrides = await resolveInitOverrides(
      call.initOverrides,
      { method: call.method, headers: { ...plainHeaders(this.#clientHeaders), ...methodHeaders }, body: v5Body },
      call.path,
    );
    const method = overrides.method ?? call.method;
    const { request, response } = await this.#send(
      {
        operation: { method, path: call.path },
        path: call.url,
        headers: lowerCased(methodHeaders),
        body: overrides.body ?? body,
        responseBody: "text",
        options: {
          ...(overrides.headers ? { headers: overrides.headers } : {}),
          ...(overrides.signal ? { abortSignal: overrides.signal } : {}),
        },
        ...(overrides.fetchInit ? { context: { [FETCH_INIT]: overrides.fetchInit } } : {}),
      },
      toAuthClientError,
    );

    const text = typeof response.body === "string" ? response.body : response.body === undefined ? "" : JSON.stringify(response.body);
    if (response.status < 200 || response.status >= 300) {
      const error = this.#errorFor(response.status, text, response.headers);
      await this.#reportError(request, error);
      throw error;
    }
    const reply = { status: response.status, statusText: response.statusText, headers: response.headers, text };
    // A custom fetcher may hand back a parsed body even though text was asked for.
    return typeof response.body === "string" || response.body === undefined ? reply : { ...reply, parsed: response.body };
  }
}

/** `data` is the parsed JSON body (undefined when the body is empty). */
export function jsonResponse<T>(reply: ApiReply): JSONApiResponse<T> {
  return new JSONApiResponse(parseJson(reply) as T, reply.headers, reply.status, reply.statusText);
}

export function voidResponse(reply: ApiReply): VoidApiResponse {
  return new VoidApiResponse(reply.headers, reply.status, reply.statusText);
}

export function textResponse(reply: ApiReply): TextApiResponse {
  return new TextApiResponse(reply.text, reply.headers, reply.status, reply.statusText);
}

function parseJson(reply: ApiReply): unknown {
  if (reply.parsed !== undefined) return reply.parsed;
  if (reply.text === "") return undefined;
  try {
    return JSON.parse(reply.text);
  } catch {
    throw new ResponseError(reply.status, reply.text, reply.headers, "The response body is not valid JSON");
  }
}

function formBody(fields: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) form.append(key, String(value));
  }
  return form;
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

/** The client's fixed headers, as v5 shows them to an `initOverrides` function (per-request functions are left out). */
function plainHeaders(headers: Readonly<Record<string, HeaderValue>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (typeof value === "string") out[name] = value;
  return out;
}
