/**
 * A request's URL is built as one complete string and only read afterwards: no URL setter is ever used, so a partial
 * `URL` polyfill cannot break a request.
 *
 * Where the global `URL` is complete (Node, Bun, Deno, workerd, Vercel Edge, browsers) `parseUrl` returns one.
 * React Native's global `URL` is a small polyfill (Libraries/Blob/URL.js): up to 0.79 its getters (`pathname`,
 * `search`, `origin`, `hostname`…) throw "not implemented" and its constructor appends a "/" to the href; later
 * versions read the parts with regular expressions, re-encode the query once `searchParams` is touched and do not
 * normalise. There `parseUrl` returns `ParsedUrl`, a read-only stand-in with the same getters. Which of the two is
 * decided once, on the first call, by a probe of the global `URL`.
 */
let platformUrlIsComplete: boolean | undefined;

/** An absolute http(s) URL. Throws a TypeError, as `new URL` does, when the text is not one. */
export function parseUrl(href: string): URL {
  return (platformUrlIsComplete ??= probePlatformUrl()) ? new URL(href) : (new ParsedUrl(href) as unknown as URL);
}

/** For tests: forget the probe's verdict, or force one (`false`: always the stand-in). */
export function resetUrlProbe(verdict?: boolean): void {
  platformUrlIsComplete = verdict;
}

const PROBE = "https://a.example/p?q=a%20b&q=c#f";

function probePlatformUrl(): boolean {
  try {
    // Scheme and host lower-cased, the default port dropped, the query read (and the href unchanged after reading it).
    const url = new URL("HTTPS://A.Example:443/p?q=a%20b&q=c#f");
    return url.origin + url.pathname + url.search + url.hash === PROBE && `${url.searchParams.getAll("q")}` === "a b,c" && url.href === PROBE;
  } catch {
    return false;
  }
}

const URL_PARTS = /^(https?:)\/\/(?:([^@/?#]*)@)?(\[[\da-f:.]+\]|[^:/?#[\]@]+)(?::(\d*))?([^?#]*)(\?[^#]*)?(#.*)?$/i;
const NUMERIC_LABEL = /(?:^|\.)(?:\d+|0x[\da-f]*)$/i;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/**
 * A read-only URL for runtimes whose `URL` is incomplete. It parses absolute http(s) URLs the way the SDK builds them
 * (already percent-encoded): the scheme and host are lower-cased and a default port dropped, as `URL` does; the path
 * and query are kept as written. A host whose last label is a number must be a dotted IPv4 address (`URL` would read
 * "tenant.123" or "1234" as one and change it).
 */
export class ParsedUrl {
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  #searchParams: ParsedSearchParams | undefined;

  constructor(href: string) {
    const match = URL_PARTS.exec(href);
    const hostname = match?.[3]!.toLowerCase() ?? "";
    const port = match?.[4] ? String(Number(match[4])) : "";
    if (!match || (NUMERIC_LABEL.test(hostname) && !DOTTED_QUAD.test(hostname)) || Number(port) > 65535) throw new TypeError(`Invalid URL: ${href}`);
    const [, protocol, userinfo, , , path, query = "", fragment = ""] = match;
    this.protocol = protocol!.toLowerCase();
    [, this.username = "", this.password = ""] = /^([^:]*):?(.*)$/.exec(userinfo ?? "")!;
    this.hostname = hostname;
    this.port = port === (this.protocol === "https:" ? "443" : "80") ? "" : port;
    this.pathname = path || "/";
    // A lone "?" or "#" stays in the href but makes an empty search or hash, as with URL.
    this.search = query === "?" ? "" : query;
    this.hash = fragment === "#" ? "" : fragment;
    this.href = `${this.protocol}//${userinfo === undefined ? "" : `${userinfo}@`}${this.host}${this.pathname}${query}${fragment}`;
  }

  get host(): string {
    return this.port ? `${this.hostname}:${this.port}` : this.hostname;
  }

  get origin(): string {
    return `${this.protocol}//${this.host}`;
  }

  get searchParams(): ParsedSearchParams {
    return (this.#searchParams ??= new ParsedSearchParams(this.search));
  }

  toString(): string {
    return this.href;
  }

  toJSON(): string {
    return this.href;
  }
}

/** The reading half of `URLSearchParams` (no `set`/`append`/`delete`), over a query string kept as written. */
export class ParsedSearchParams {
  readonly #pairs: Array<[string, string]>;
  readonly #text: string;

  constructor(search: string) {
    this.#text = search.replace(/^\?/, "");
    this.#pairs = this.#text
      .split("&")
      .filter(Boolean)
      .map((pair) => /^([^=]*)=?(.*)$/.exec(pair)!.slice(1).map(decodeQueryComponent) as [string, string]);
  }

  get size(): number {
    return this.#pairs.length;
  }

  get(name: string): string | null {
    return this.getAll(name)[0] ?? null;
  }

  getAll(name: string): string[] {
    return this.#pairs.filter(([key]) => key === name).map(([, value]) => value);
  }

  has(name: string): boolean {
    return this.getAll(name).length > 0;
  }

  keys(): IterableIterator<string> {
    return this.#pairs.map(([key]) => key).values();
  }

  values(): IterableIterator<string> {
    return this.#pairs.map(([, value]) => value).values();
  }

  entries(): IterableIterator<[string, string]> {
    return this.#pairs.map(([key, value]): [string, string] => [key, value]).values();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (value: string, key: string, parent: ParsedSearchParams) => void): void {
    for (const [key, value] of this.#pairs) callback(value, key, this);
  }

  toString(): string {
    return this.#text;
  }
}

/**
 * `new URL(location, base)`, for a redirect's Location. With the stand-in (React Native's URL resolves a relative URL
 * by appending it to the whole base href) the forms a Location takes are resolved here, dot segments left as written.
 */
export function resolveUrl(location: string, base: URL): URL {
  if (!(base instanceof ParsedUrl)) return new URL(location, base);
  const { origin, pathname, search } = base as URL;
  if (/^[a-z][\w+.-]*:/i.test(location)) return parseUrl(location);
  if (location.startsWith("//")) return parseUrl(base.protocol + location);
  const prefix = location.startsWith("/") ? "" : location.startsWith("#") ? pathname + search : location.startsWith("?") ? pathname : pathname.replace(/[^/]*$/, "");
  return parseUrl(origin + prefix + location);
}

/**
 * `application/x-www-form-urlencoded` decoding, as URLSearchParams does, except that a component with a malformed
 * escape is kept as written (the SDK never builds one).
 */
export function decodeQueryComponent(text: string): string {
  const spaced = text.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
