/** One request of a possibly redirected exchange. */
export interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: BodyInit | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** fetch's limit. */
const MAX_REDIRECTS = 20;
/** Headers that describe a body, dropped with it when a redirect turns the request into a GET. */
const BODY_HEADERS = ["content-encoding", "content-language", "content-location", "content-type"];
/** Credentials that stay with the origin they were meant for. */
const ORIGIN_BOUND_HEADERS = ["authorization", "proxy-authorization", "cookie", "host"];

/**
 * The request that follows a response, when it is a redirect that fetch (`redirect: "follow"`, the default
 * transport's setting) would follow — else undefined. The same rules: at most 20 hops, http(s) only; a 301/302 to a
 * POST and a 303 to anything but GET/HEAD become a GET without body; a streamed body cannot be sent twice; and a
 * hop to another origin drops `authorization` (with cookies and proxy credentials), so the tenant's token never
 * follows a redirect off the tenant.
 */
export function nextHop(status: number, location: string | string[] | undefined, hop: Hop, redirectsSoFar: number): Hop | undefined {
  if (!REDIRECT_STATUSES.has(status) || location === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(Array.isArray(location) ? location[0]! : location, hop.url);
  } catch {
    throw new Error("The redirect's Location is not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("URL scheme must be a HTTP(S) scheme");
  if (redirectsSoFar === MAX_REDIRECTS) throw new Error("redirect count exceeded");
  const sameOrigin = url.origin === hop.url.origin;
  if ((url.username !== "" || url.password !== "") && !sameOrigin) throw new Error('cross origin not allowed for request mode "cors"');
  if (url.hash === "" && hop.url.hash !== "") url.hash = hop.url.hash;

  let { method, headers, body } = hop;
  if (status !== 303 && body !== undefined && isStream(body)) throw new Error("A streamed request body cannot be sent again to follow a redirect");
  if (((status === 301 || status === 302) && method === "POST") || (status === 303 && method !== "GET" && method !== "HEAD")) {
    method = "GET";
    body = undefined;
    headers = without(headers, BODY_HEADERS);
  }
  if (!sameOrigin) headers = without(headers, ORIGIN_BOUND_HEADERS);
  return { url, method, headers, body };
}

function without(headers: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  const copy = { ...headers };
  for (const name of names) delete copy[name];
  return copy;
}

function isStream(body: BodyInit): boolean {
  return typeof body === "object" && body !== null && typeof (body as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === "function";
}
