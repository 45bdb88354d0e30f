import type { Dispatcher } from "undici";
import { abortSourceOf, transportError, type Fetcher, type PipelineRequest } from "auth0";
import { nextHop, type Hop } from "./redirect.js";
import { wireBody } from "./request-body.js";
import { readBody } from "./response.js";
import { wireHeaders } from "./wire-headers.js";

/** Which dispatcher sends a request: the one the request names (the client's `agent`), else the plugin's. */
export type DispatcherFor = (request: PipelineRequest) => Dispatcher | Promise<Dispatcher>;

/**
 * One `dispatcher.request()` per attempt (and per redirect hop). What aborts the request — the caller's abort and the
 * `timeout` link's deadline — goes to undici as its `signal` (`abortSourceOf`: no `AbortSignal` is made for it), and
 * undici ends the exchange, body included, when it fires. Whatever fails, before or after the headers, is mapped by
 * the core's `transportError`, as the default transport maps fetch's failures. (The hot path awaits only undici's
 * two steps, the headers and the body: this is the fast path.)
 */
export function undiciTransport(dispatcherFor: DispatcherFor): Fetcher {
  return async (request) => {
    const signal = abortSourceOf(request) as AbortSignal | undefined;
    let hop: Hop = request;
    try {
      for (let redirects = 0; ; redirects++) {
        const pending = dispatcherFor(request);
        const dispatcher = pending instanceof Promise ? await pending : pending;
        const encoding = wireBody(hop.body);
        const { body, contentType } = encoding instanceof Promise ? await encoding : encoding;
        const { url } = hop;
        const response = await dispatcher.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: hop.method as Dispatcher.HttpMethod,
          headers: wireHeaders(hop.headers, contentType, url.protocol === "https:"),
          body,
          signal,
        });
        let next: Hop | undefined;
        try {
          next = nextHop(response.statusCode, response.headers.location, hop, redirects);
        } catch (error) {
          void response.body.dump().catch(() => undefined);
          throw error;
        }
        if (next === undefined) return await readBody(response, request, url.href, redirects > 0);
        // A redirect's own body is not wanted: read it off so the connection can be reused.
        await response.body.dump();
        hop = next;
      }
    } catch (error) {
      throw transportError(error, request);
    }
  };
}
