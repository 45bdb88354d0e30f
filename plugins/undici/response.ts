import type { Readable } from "node:stream";
import type { Dispatcher } from "undici";
import { parseResponseBody, ResponseTooLargeError, transportError, type PipelineRequest, type PipelineResponse } from "auth0";
import { webStreamFromIterable } from "../shared/web-stream.js";
import { decodedBody } from "./decode.js";

/**
 * undici's response as the chain's, shaped as the default transport shapes a fetch `Response` fetched with
 * `redirect: "manual"`: the same `Headers`, status text, URL and `type`; the body decoded as fetch decodes it, then
 * read by the same rules (`parseResponseBody`), kept as text, or handed up as a web stream. A body read into memory
 * keeps to `maxResponseBytes` as the default transport's does: refused from `content-length` before reading, else
 * counted (decoded) while reading. A failure while reading is the caller's to map.
 */
export async function readBody(response: Dispatcher.ResponseData, request: PipelineRequest): Promise<PipelineResponse> {
  const status = response.statusCode;
  const statusText = response.statusText ?? "";
  const headers = toHeaders(response.headers);
  const url = request.url.href;
  const encoding = response.headers["content-encoding"];
  // "basic": what Node's fetch reports for a response to a server-side request. (Object literals, not spreads: this
  // runs once per request on the fast path.)
  if (request.responseBody === "stream") {
    const body = encoding === undefined ? response.body : decodedBody(response.body, encoding, request.method, status);
    return { status, statusText, headers, url, redirected: false, type: "basic", body: webStreamFromIterable(body, (error) => transportError(error, request)) };
  }
  const text = await readLimitedText(response, request, encoding);
  if (request.responseBody === "text") return { status, statusText, headers, url, redirected: false, type: "basic", body: text, bodyIsText: true };
  const contentType = response.headers["content-type"];
  const parsed = parseResponseBody(text, contentType === undefined ? null : String(contentType));
  if (parsed.bodyIsText) return { status, statusText, headers, url, redirected: false, type: "basic", body: parsed.body, bodyIsText: true };
  return { status, statusText, headers, url, redirected: false, type: "basic", body: parsed.body };
}

/** The body as text, the way `Response.text()` reads it (UTF-8, a byte-order mark dropped), within the byte limit. */
async function readLimitedText(response: Dispatcher.ResponseData, request: PipelineRequest, encoding: string | string[] | undefined): Promise<string> {
  // The client always sets the limit; a request rebuilt without one is read whole, as axios's plugin reads it.
  const limit = request.maxResponseBytes ?? Infinity;
  const declared = response.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) {
    // Closing the connection unread: undici reports that as an abort on the body, which nobody is left to hear.
    response.body.on("error", () => undefined).destroy();
    throw new ResponseTooLargeError(limit, `The response to ${request.method} ${request.operation.path} (content-length ${String(declared)})`);
  }
  // A declared, unencoded length within the limit is all undici will deliver: its own reader is fastest.
  if (encoding === undefined && (declared !== undefined || limit === Infinity)) return response.body.text();
  const body: Readable = encoding === undefined ? response.body : decodedBody(response.body, encoding, request.method, response.statusCode);
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for await (const chunk of body) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) {
      // Leaving the loop destroys the stream (and with it the connection and any decoder).
      throw new ResponseTooLargeError(limit, `The response to ${request.method} ${request.operation.path}`);
    }
    text += decoder.decode(chunk as Buffer, { stream: true });
  }
  return text + decoder.decode();
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
