import { RedirectError } from "./errors.js";
import type { PipelineRequest, PipelineResponse } from "./http.js";
import { resolveUrl } from "./url.js";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** As fetch's own limit. */
const MAX_REDIRECTS = 20;
/** Headers that describe a body, dropped when a redirect turns the request into a GET without one. */
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language", "content-location"];

/**
 * The redirect rule every transport shares, applied by the pipeline under its last link: transports do not follow
 * redirects themselves (fetch is called with `redirect: "manual"`, axios with `maxRedirects: 0`; an undici
 * `request` does not follow by default), they return the 3xx and this follows it — within the request's origin
 * only. A redirect to another origin is refused with `RedirectError`, so neither a bearer token nor a form body
 * carrying a client secret is ever re-sent elsewhere. 303 (and 301/302 after a POST) continue as a GET without the
 * body, as fetch does; 307/308 repeat the method and body.
 *
 * A transport that followed a redirect anyway (a custom fetcher) is caught afterwards: a response that says it came
 * from another origin is refused too, so at least its content does not pass for the tenant's.
 */
export async function sendFollowingSameOriginRedirects(
  send: (request: PipelineRequest) => Promise<PipelineResponse>,
  request: PipelineRequest,
): Promise<PipelineResponse> {
  const origin = request.url.origin;
  let current = request;
  for (let hops = 0; ; hops++) {
    const response = await send(current);
    refuseIfFollowedElsewhere(response, request);
    if (response.type === "opaqueredirect") {
      throw new RedirectError(`${describe(request)} was redirected, and this runtime hides where to, so it is not followed`, 0, "");
    }
    const location = REDIRECTS.has(response.status) ? response.headers.get("location") : null;
    if (location === null) return hops === 0 ? response : { ...response, url: response.url || current.url.href, redirected: true };
    discard(response.body);
    const target = resolve(location, current.url);
    if (target === undefined) {
      throw new RedirectError(`${describe(request)} was redirected (${response.status}) to a Location that is not a URL`, response.status, "");
    }
    if (target.origin !== origin) {
      throw new RedirectError(
        `${describe(request)} was redirected (${response.status}) to another origin, ${target.origin}; the SDK follows redirects within ${origin} only, so the request's credentials never leave it`,
        response.status,
        target.href,
      );
    }
    if (hops >= MAX_REDIRECTS) throw new RedirectError(`${describe(request)} was redirected more than ${MAX_REDIRECTS} times`, response.status, target.href);
    current = nextHop(current, response.status, target);
  }
}

function nextHop(request: PipelineRequest, status: number, url: URL): PipelineRequest {
  const becomesGet = (status === 303 && request.method !== "HEAD") || ((status === 301 || status === 302) && request.method === "POST");
  if (!becomesGet) {
    if (typeof ReadableStream !== "undefined" && request.body instanceof ReadableStream) {
      throw new RedirectError(`${describe(request)} was redirected (${status}), and its streamed body cannot be sent again`, status, url.href);
    }
    return { ...request, url };
  }
  const headers = { ...request.headers };
  for (const name of BODY_HEADERS) delete headers[name];
  return { ...request, method: "GET", url, headers, body: undefined };
}

function refuseIfFollowedElsewhere(response: PipelineResponse, request: PipelineRequest): void {
  // React Native's fetch follows redirects natively and does not say so (no `redirected`): its URL is checked too.
  if (response.redirected === false || !response.url) return;
  const where = resolve(response.url, request.url);
  if (where !== undefined && where.origin !== request.url.origin) {
    discard(response.body);
    throw new RedirectError(
      `${describe(request)} was redirected to another origin, ${where.origin}, by a transport that follows redirects itself; its answer is refused`,
      0,
      where.href,
    );
  }
}

function resolve(location: string, base: URL): URL | undefined {
  try {
    return resolveUrl(location, base);
  } catch {
    return undefined;
  }
}

/** The redirect's own body is of no use: a stream is cancelled so its connection is freed. */
function discard(body: unknown): void {
  if (typeof ReadableStream !== "undefined" && body instanceof ReadableStream) void body.cancel().catch(() => undefined);
}

function describe(request: PipelineRequest): string {
  return `${request.method} ${request.operation.path}`;
}
