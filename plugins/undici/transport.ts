import type { Dispatcher } from "undici";
import { abortSourceOf, ResponseTooLargeError, transportError, type Fetcher, type PipelineRequest } from "auth0";
import { wireBody } from "./request-body.js";
import { readBody } from "./response.js";
import { wireHeaders } from "./wire-headers.js";

/** Which dispatcher sends a request: the one the request names (the client's `agent`), else the plugin's. */
export type DispatcherFor = (request: PipelineRequest) => Dispatcher | Promise<Dispatcher>;

/**
 * One `dispatcher.request()` per attempt. What aborts the request — the caller's abort and the `timeout` link's
 * deadline — goes to undici as its `signal` (`abortSourceOf`: no `AbortSignal` is made for it), and undici ends the
 * exchange, body included, when it fires. A redirect comes back as it is (undici's `request` does not follow one): the
 * chain follows it, within the request's origin only, as for every transport. Whatever fails, before or after the
 * headers, is mapped by the core's `transportError`, as the default transport maps fetch's failures; a body past
 * `maxResponseBytes` is a `ResponseTooLargeError`. (The hot path awaits only undici's two steps, the headers and the
 * body: this is the fast path.)
 */
export function undiciTransport(dispatcherFor: DispatcherFor): Fetcher {
  return async (request) => {
    const signal = abortSourceOf(request) as AbortSignal | undefined;
    try {
      const pending = dispatcherFor(request);
      const dispatcher = pending instanceof Promise ? await pending : pending;
      const encoding = wireBody(request.body);
      const { body, contentType } = encoding instanceof Promise ? await encoding : encoding;
      const { url } = request;
      const response = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: request.method as Dispatcher.HttpMethod,
        headers: wireHeaders(request.headers, contentType, url.protocol === "https:"),
        body,
        signal,
      });
      return await readBody(response, request);
    } catch (error) {
      if (error instanceof ResponseTooLargeError) throw error;
      throw transportError(error, request);
    }
  };
}
