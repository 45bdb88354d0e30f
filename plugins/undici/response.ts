import type { Readable } from "node:stream";
import type { Dispatcher } from "undici";
import { parseResponseBody, transportError, type PipelineRequest, type PipelineResponse } from "auth0";
import { webStreamFromIterable } from "../shared/web-stream.js";
import { decodedBody } from "./decode.js";

/** Where the response came from: the last URL asked for, and whether a redirect led there. */
export interface FinalUrl {
  readonly url: string;
  readonly redirected: boolean;
}

/**
 * undici's response as the chain's, shaped as the default transport shapes a fetch `Response`: the same `Headers`,
 * status text, URL after redirects and `type`; the body decoded as fetch decodes it, then read by the same rules
 * (`parseResponseBody`), kept as text, or handed up as a web stream.
 */
export async function toPipelineResponse(response: Dispatcher.ResponseData, request: PipelineRequest, final: FinalUrl): Promise<PipelineResponse> {
  const headers = toHeaders(response.headers);
  const head = {
    status: response.statusCode,
    statusText: response.statusText ?? "",
    headers,
    url: final.url,
    redirected: final.redirected,
    // What Node's fetch reports for a response to a server-side request.
    type: "basic" as const,
  };
  let text: string;
  try {
    const encoding = response.headers["content-encoding"];
    const body = encoding === undefined ? response.body : decodedBody(response.body, encoding, request.method, response.statusCode);
    if (request.responseBody === "stream") return { ...head, body: webStreamFromIterable(body, (error) => transportError(error, request)) };
    text = body === response.body ? await response.body.text() : await readText(body);
  } catch (error) {
    throw transportError(error, request);
  }
  if (request.responseBody === "text") return { ...head, body: text, bodyIsText: true };
  return { ...head, ...parseResponseBody(text, headers.get("content-type")) };
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
