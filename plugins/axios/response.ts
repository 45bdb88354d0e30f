import type { AxiosResponse } from "axios";
import type { PipelineRequest, PipelineResponse } from "auth0";
import { parseResponseBody as parseBody } from "auth0";
import { toWebStream } from "./web-stream.js";

/** An axios response as the chain's response, shaped exactly as the default transport shapes a fetch `Response`. */
export function toPipelineResponse(response: AxiosResponse<unknown>, request: PipelineRequest): PipelineResponse {
  const headers = toHeaders(response.headers);
  const url = finalUrl(response.request, request.url.href);
  const head = {
    status: response.status,
    statusText: response.statusText,
    headers,
    url,
    redirected: url !== request.url.href,
    // What Node's fetch reports for a same-origin response; axios has no notion of response types.
    type: "basic" as const,
  };
  if (request.responseBody === "stream") return { ...head, body: toWebStream(response.data, request) };
  const text = asText(response.data);
  if (request.responseBody === "text") return { ...head, body: text, bodyIsText: true };
  return { ...head, ...parseBody(text, headers.get("content-type")) };
}

/** axios headers (a plain object or `AxiosHeaders`; `set-cookie` as an array) as a web `Headers`. */
export function toHeaders(source: unknown): Headers {
  const headers = new Headers();
  if (source === null || typeof source !== "object") return headers;
  for (const [name, value] of Object.entries(source)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, String(item));
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") headers.append(name, String(value));
  }
  return headers;
}

/** The URL after redirects: follow-redirects records it on Node's response, XHR on the request. */
function finalUrl(lowLevelRequest: unknown, requested: string): string {
  if (lowLevelRequest === null || typeof lowLevelRequest !== "object") return requested;
  const nodeResponse = (lowLevelRequest as { res?: { responseUrl?: unknown } }).res;
  if (typeof nodeResponse?.responseUrl === "string" && nodeResponse.responseUrl !== "") return nodeResponse.responseUrl;
  const xhrUrl = (lowLevelRequest as { responseURL?: unknown }).responseURL;
  if (typeof xhrUrl === "string" && xhrUrl !== "") return xhrUrl;
  return requested;
}

/** The body as text; an adapter that ignored `responseType: "text"` may hand over bytes. */
function asText(data: unknown): string {
  if (data === undefined || data === null) return "";
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  return JSON.stringify(data);
}
