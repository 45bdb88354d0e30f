import type { Readable } from "node:stream";
import type { Dispatcher } from "undici";
import { parseResponseBody, transportError, type PipelineRequest, type PipelineResponse } from "auth0";
import { webStreamFromIterable } from "../shared/web-stream.js";
import { decodedBody } from "./decode.js";

/**
 * undici's response as the chain's, shaped as the default transport shapes a fetch `Response`: the same `Headers`,
 * status text, URL after redirects and `type`; the body decoded as fetch decodes it, then read by the same rules
 * (`parseResponseBody`), kept as text, or handed up as a web stream. A failure while reading is the caller's to map.
 */
export async function readBody(response: Dispatcher.ResponseData, request: PipelineRequest, url: string, redirected: boolean): Promise<PipelineResponse> {
  const status = response.statusCode;
  const statusText = response.statusText ?? "";
  const headers = toHeaders(response.headers);
  const encoding = response.headers["content-encoding"];
  const body = encoding === undefined ? response.body : decodedBody(response.body, encoding, request.method, status);
  // "basic": what Node's fetch reports for a response to a server-side request. (Object literals, not spreads: this
  // runs once per request on the fast path.)
  if (request.responseBody === "stream") {
    return { status, statusText, headers, url, redirected, type: "basic", body: webStreamFromIterable(body, (error) => transportError(error, request)) };
  }
  const text = body === response.body ? await response.body.text() : await readText(body);
  if (request.responseBody === "text") return { status, statusText, headers, url, redirected, type: "basic", body: text, bodyIsText: true };
  const contentType = response.headers["content-type"];
  const parsed = parseResponseBody(text, contentType === undefined ? null : String(contentType));
  if (parsed.bodyIsText) return { status, statusText, headers, url, redirected, type: "basic", body: parsed.body, bodyIsText: true };
  return { status, statusText, headers, url, redirected, type: "basic", body: parsed.body };
}

/** undici's header object (a repeated header as an array) as a web `Headers`. */
function toHeaders(source: Dispatcher.ResponseData["headers"]): Headers {
  const headers = new Headers();
  for (const name in source) {
    const value = source[name];
    if (typeof value === "string") headers.append(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/** A decoded body as text, the way `Response.text()` reads it: UTF-8, a byte-order mark dropped. */
async function readText(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return new TextDecoder().decode(Buffer.concat(chunks));
}
