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
  if ((platformUrlIsComplete ??= probePlatformUrl())) return new URL(href);
  return new ParsedUrl(href) as unknown as URL;
}

/** For tests: forget the probe's verdict, or force one (`false`: always the stand-in). */
export function resetUrlProbe(verdict?: boolean): void {
  platformUrlIsComplete = verdict;
}

const PROBE = "https://tenant.example:8443/api/v2/users/auth0%7Cab?q=a%20b&q=c&x=1#f";

function probePlatformUrl(): boolean {
  if (typeof URL !== "function") return false;
  try {
    const url = new URL("HTTPS://Tenant.Example:8443/api/v2/users/auth0%7Cab?q=a%20b&q=c&x=1#f");
    const parts =
      url.href === PROBE &&
      url.protocol === "https:" &&
      url.host === "tenant.example:8443" &&
      url.hostname === "tenant.example" &&
      url.port === "8443" &&
      url.origin === "https://tenant.example:8443" &&
      url.pathname === "/api/v2/users/auth0%7Cab" &&
      url.search === "?q=a%20b&q=c&x=1" &&
      url.hash === "#f";
    if (!parts) return false;
    const params = url.searchParams;
    return params.getAll("q").join(",") === "a b,c" && [...params.keys()].join(",") === "q,q,x" && url.href === PROBE && new URL("https://a.example:443").origin === "https://a.example";
  } catch {
    return false;
  }
}

const URL_PARTS = /^([a-z][a-z0-9+.-]*:)\/\/(?:([^@/?#]*)@)?(\[[0-9a-f:.]+\]|[^:/?#[\]@]*)(?::(\d*))?([^?#]*)(\?[^#]*)?(#.*)?$/i;
const DEFAULT_PORTS: Readonly<Record<string, string>> = { "http:": "80", "https:": "443" };
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/i;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

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
    const match = URL_PARTS.exec(String(href));
    const protocol = match?.[1]?.toLowerCase();
    if (!match || (protocol !== "http:" && protocol !== "https:")) throw new TypeError(`Invalid URL: ${String(href)}`);
    const hostname = (match[3] ?? "").toLowerCase();
    const lastLabel = hostname.slice(hostname.lastIndexOf(".") + 1);
    if (hostname === "" || (NUMERIC_LABEL.test(lastLabel) && !DOTTED_QUAD.test(hostname))) throw new TypeError(`Invalid URL: ${String(href)}`);
    const port = match[4] === undefined || match[4] === "" ? "" : String(Number(match[4]));
    if (port !== "" && Number(port) > 65535) throw new TypeError(`Invalid URL: ${String(href)}`);
    const [username = "", password = ""] = match[2] === undefined ? [] : splitOnce(match[2], ":");
    this.protocol = protocol;
    this.username = username;
    this.password = password;
    this.hostname = hostname;
    this.port = port === DEFAULT_PORTS[protocol] ? "" : port;
    this.pathname = match[5] || "/";
    const query = match[6] ?? "";
    const fragment = match[7] ?? "";
    // A lone "?" or "#" stays in the href but makes an empty search or hash, as with URL.
    this.search = query === "?" ? "" : query;
    this.hash = fragment === "#" ? "" : fragment;
    const userinfo = match[2] === undefined ? "" : `${match[2]}@`;
    this.href = `${protocol}//${userinfo}${this.host}${this.pathname}${query}${fragment}`;
  }

  get host(): string {
    return this.port === "" ? this.hostname : `${this.hostname}:${this.port}`;
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
  readonly #pairs: ReadonlyArray<readonly [string, string]>;
  readonly #text: string;

  constructor(search: string) {
    this.#text = search.startsWith("?") ? search.slice(1) : search;
    this.#pairs = this.#text
      .split("&")
      .filter((pair) => pair !== "")
      .map((pair) => {
        const [key, value = ""] = splitOnce(pair, "=");
        return [decodeQueryComponent(key), decodeQueryComponent(value)] as const;
      });
  }

  get size(): number {
    return this.#pairs.length;
  }

  get(name: string): string | null {
    return this.#pairs.find(([key]) => key === name)?.[1] ?? null;
  }

  getAll(name: string): string[] {
    return this.#pairs.filter(([key]) => key === name).map(([, value]) => value);
  }

  has(name: string): boolean {
    return this.#pairs.some(([key]) => key === name);
  }

  keys(): IterableIterator<string> {
    return this.#pairs.map(([key]) => key)[Symbol.iterator]();
  }

  values(): IterableIterator<string> {
    return this.#pairs.map(([, value]) => value)[Symbol.iterator]();
  }

  entries(): IterableIterator<[string, string]> {
    return this.#pairs.map(([key, value]): [string, string] => [key, value])[Symbol.iterator]();
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

function splitOnce(text: string, separator: string): [string, string] | [string] {
  const index = text.indexOf(separator);
  return index < 0 ? [text] : [text.slice(0, index), text.slice(index + 1)];
}
