import type { CallSpec } from "../core/client.js";
import { NetworkError, RequestAbortedError, RequestTimeoutError } from "../core/errors.js";
import { isSuccess, toRawResponse, type PipelineRequest, type PipelineResponse, type RawResponse } from "../core/http.js";
import { HttpResponsePromise, type WithRawResponse } from "../core/http-response-promise.js";
import { Page } from "../core/page.js";
import { Stream } from "../core/stream.js";
import { parseBody } from "../transport/read-response.js";
import type { Endpoint } from "./endpoint.js";
import { ERROR_CLASS_BY_STATUS, ManagementAbortError, ManagementError, ManagementTimeoutError } from "./errors.js";
import { buildMultipart } from "./multipart.js";
import { hasNextOffsetPage, nextCheckpoint, pageItems } from "./pagination.js";
import { buildPath, buildQuery, splitArgs, type CallArgs } from "./request-args.js";

export type Send = (
  call: CallSpec,
  mapError: (error: unknown, request: PipelineRequest) => unknown,
) => Promise<{ request: PipelineRequest; response: PipelineResponse }>;


/**
 * The one place a Management API method becomes an HTTP call: arguments → path, query and body per the endpoint's
 * descriptor; response → data, typed error, `Page` or `Stream`. Generated methods only point here.
 */
export class ManagementExecutor {
  readonly #send: Send;
  readonly #reportError: (request: PipelineRequest, error: unknown) => void | Promise<void>;

  constructor(send: Send, reportError: (request: PipelineRequest, error: unknown) => void | Promise<void>) {
    this.#send = send;
    this.#reportError = reportError;
  }

  call(method: string, endpoint: Endpoint, args: readonly unknown[]): HttpResponsePromise<unknown> | Promise<Page<unknown>> {
    if (endpoint.g !== undefined) return this.#page(method, endpoint, args);
    return HttpResponsePromise.fromPromise(
      Promise.resolve().then(() => this.execute(method, endpoint, splitArgs(method, endpoint, args))),
    );
  }

  /** One HTTP exchange for `endpoint`; `overrides` replace query values (the page cursor). */
  async execute(method: string, endpoint: Endpoint, args: CallArgs, overrides?: Record<string, unknown>): Promise<WithRawResponse<unknown>> {
    const path = buildPath(endpoint, args.pathValues);
    const query = buildQuery(method, endpoint, args.request, overrides);
    const stream = endpoint.r === "sse";
    const headers: Record<string, string> = { accept: stream ? "text/event-stream" : "*/*" };
    let body: BodyInit | undefined;
    if (endpoint.b === "json") {
      const value = args.body === undefined && endpoint.d ? {} : args.body;
      if (value !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(value);
      }
    } else if (endpoint.b === "multipart") {
      body = await buildMultipart(endpoint.f ?? [], args.request ?? {});
    }

    const { request, response } = await this.#send(
      {
        operation: { method: endpoint.m ?? "GET", path: endpoint.p },
        path,
        query,
        headers,
        body,
        responseBody: stream ? "stream" : "json",
        options: args.options,
      },
      toManagementError,
    );
    const rawResponse = toRawResponse(response);
    if (!isSuccess(response.status)) {
      const error = await errorFor(endpoint, response, rawResponse);
      await this.#reportError(request, error);
      throw error;
    }
    if (endpoint.r === "void") return { data: undefined, rawResponse };
    if (stream) {
      const data = new Stream(response.body as ReadableStream<Uint8Array>, { parse: parseEvent, signal: args.options?.abortSignal });
      return { data, rawResponse };
    }
    if (response.bodyIsText) {
      throw new ManagementError({ message: "The response body is not valid JSON", statusCode: response.status, body: response.body, rawResponse });
    }
    return { data: response.body, rawResponse };
  }

  async #page(method: string, endpoint: Endpoint, rawArgs: readonly unknown[]): Promise<Page<unknown>> {
    const args = splitArgs(method, endpoint, rawArgs);
    if (endpoint.g![0] === "checkpoint") {
      const first = await this.execute(method, endpoint, args);
      return new Page(first, {
        items: (response) => pageItems(endpoint, response),
        hasNext: (response) => nextCheckpoint(response) !== undefined && pageItems(endpoint, response).length > 0,
        next: (response) => this.execute(method, endpoint, args, { from: nextCheckpoint(response) }),
      });
    }
    const perPage = numberOr(args.request?.per_page ?? args.request?.perPage, defaultOf(endpoint, "per_page") ?? 50);
    let index = numberOr(args.request?.page, defaultOf(endpoint, "page") ?? 0);
    const first = await this.execute(method, endpoint, args);
    return new Page(first, {
      items: (response) => pageItems(endpoint, response),
      hasNext: (response) => hasNextOffsetPage(endpoint, response, index, perPage, args.request),
      next: async () => {
        const result = await this.execute(method, endpoint, args, { page: index + 1 });
        index += 1;
        return result;
      },
    });
  }
}

/**
 * One server-sent event as v5 yields it: the JSON `data`, with the `event:` field as its `type` (first key) when the
 * data is an object without one; arrays, scalars and objects that carry their own `type` are left as they are.
 */
function parseEvent(data: string, event: string | undefined): unknown {
  const parsed: unknown = JSON.parse(data);
  if (event === undefined || parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || "type" in parsed) return parsed;
  return { type: event, ...parsed };
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function defaultOf(endpoint: Endpoint, wire: string): number | undefined {
  for (const param of endpoint.q ?? []) {
    if (typeof param !== "string" && param[0] === wire && typeof param[1] === "number") return param[1];
  }
  return undefined;
}

async function errorFor(endpoint: Endpoint, response: PipelineResponse, rawResponse: RawResponse): Promise<ManagementError> {
  let body = response.body;
  if (typeof ReadableStream !== "undefined" && body instanceof ReadableStream) {
    body = parseBody(await new Response(body).text(), response.headers.get("content-type")).body;
  }
  const ErrorClass = endpoint.e.includes(response.status) ? ERROR_CLASS_BY_STATUS[response.status] : undefined;
  return ErrorClass ? new ErrorClass(body, rawResponse) : new ManagementError({ statusCode: response.status, body, rawResponse });
}

/** Transport failures in v5's terms: a timeout error naming the endpoint, an abort, or a status-less ManagementError. */
export function toManagementError(error: unknown, request: PipelineRequest): unknown {
  if (error instanceof RequestTimeoutError) {
    return new ManagementTimeoutError(`Timeout exceeded when calling ${request.operation.method} ${request.operation.path}.`, { cause: error });
  }
  if (error instanceof RequestAbortedError) return new ManagementAbortError(rawStatus(499, "Client Closed Request"), error.cause);
  if (error instanceof NetworkError) return new ManagementError({ message: error.message, rawResponse: rawStatus(0, "Unknown Error"), cause: error });
  return error;
}

/** v5's stand-in raw response for failures without one (built on demand: touching `Headers` at import loads fetch). */
function rawStatus(status: number, statusText: string): RawResponse {
  return { headers: new Headers(), redirected: false, status, statusText, type: "error", url: "" };
}
