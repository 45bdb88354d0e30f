import type { Dispatcher } from "undici";
import { abortSourceOf, transportError, type Fetcher, type PipelineRequest } from "auth0";
import { nextHop, type Hop } from "./redirect.js";
import { wireBody } from "./request-body.js";
import { toPipelineResponse } from "./response.js";
import { wireHeaders } from "./wire-headers.js";

/** Which dispatcher sends a request: the one the request names (the client's `agent`), else the plugin's. */
export type DispatcherFor = (request: PipelineRequest) => Dispatcher | Promise<Dispatcher>;

/**
 * One `dispatcher.request()` per attempt (and per redirect hop). What aborts the request — the caller's abort and the
 * `timeout` link's deadline — goes to undici as its `signal` (`abortSourceOf`: no `AbortSignal` is made for it), and
 * undici ends the exchange, body included, when it fires.
 */
export function undiciTransport(dispatcherFor: DispatcherFor): Fetcher {
  return async (request) => {
    let hop: Hop = request;
    const signal = abortSourceOf(request);
    for (let redirects = 0; ; redirects++) {
      let response: Dispatcher.ResponseData;
      let next: Hop | undefined;
      try {
        const pending = dispatcherFor(request);
        const dispatcher = pending instanceof Promise ? await pending : pending;
        const encoding = wireBody(hop.body);
        const { body, contentType } = encoding instanceof Promise ? await encoding : encoding;
        response = await dispatcher.request({
          origin: hop.url.origin,
          path: `${hop.url.pathname}${hop.url.search}`,
          method: hop.method as Dispatcher.HttpMethod,
          headers: wireHeaders(hop.headers, contentType, hop.url.protocol === "https:"),
          body,
          signal: signal as AbortSignal | undefined,
        });
        try {
          next = nextHop(response.statusCode, response.headers.location, hop, redirects);
        } catch (error) {
          void response.body.dump().catch(() => undefined);
          throw error;
        }
        // A redirect's own body is not wanted: read it off so the connection can be reused.
        if (next !== undefined) await response.body.dump();
      } catch (error) {
        throw transportError(error, request);
      }
      if (next === undefined) return toPipelineResponse(response, request, { url: hop.url.href, redirected: redirects > 0 });
      hop = next;
    }
  };
}
