import { InvalidInputError } from "./errors.js";
import { parseUrl } from "./url.js";

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Turn the `domain` option into an origin. A bare host (with an optional port) means HTTPS. A scheme is refused,
 * except an explicit `http://` for a loopback host, which local testing against a mock tenant needs.
 */
export function originFromDomain(domain: unknown, field = "domain"): string {
  if (typeof domain !== "string" || domain.trim() === "") {
    throw new InvalidInputError(field, `The "${field}" option is required: your tenant's host, e.g. "my-tenant.us.auth0.com"`);
  }
  let rest = domain.trim();
  let scheme = "https";
  const schemeMatch = SCHEME.exec(rest);
  if (schemeMatch) {
    const given = schemeMatch[0].slice(0, -3).toLowerCase();
    rest = rest.slice(schemeMatch[0].length).replace(/\/$/, "");
    if (given !== "http" || !LOOPBACK.test(hostOf(rest))) {
      throw new InvalidInputError(
        field,
        `The "${field}" option takes a host without a scheme, e.g. "my-tenant.us.auth0.com" (only http:// to a loopback host is allowed, for local testing)`,
      );
    }
    scheme = "http";
  }
  const host = hostOf(rest);
  const port = rest.slice(host.length);
  const portNumber = port === "" ? 443 : Number(port.slice(1));
  const url = HOST.test(host) || LOOPBACK.test(host) ? tryParseUrl(`${scheme}://${rest}`) : undefined;
  // URL parsing reads a host that ends in a number as an IPv4 address ("1234" is 0.0.4.210, "tenant.123" fails):
  // such a host would not be the one the caller wrote, so it is refused rather than silently reinterpreted.
  if (url === undefined || url.hostname !== host.toLowerCase() || !/^(?::\d{1,5})?$/.test(port) || portNumber < 1 || portNumber > 65535) {
    throw new InvalidInputError(field, `The "${field}" option is not a valid host name: ${JSON.stringify(domain)}`);
  }
  // The origin as fetch will use it: a default port (":443") is dropped, "080" becomes "80".
  return url.origin;
}

/** 127.0.0.0/8, `localhost` or `[::1]`: the hosts plain http is accepted for (local testing). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

function tryParseUrl(text: string): URL | undefined {
  try {
    return parseUrl(text);
  } catch {
    return undefined;
  }
}

function hostOf(hostAndPort: string): string {
  if (hostAndPort.startsWith("[")) {
    const end = hostAndPort.indexOf("]");
    return end < 0 ? hostAndPort : hostAndPort.slice(0, end + 1);
  }
  const colon = hostAndPort.indexOf(":");
  return colon < 0 ? hostAndPort : hostAndPort.slice(0, colon);
}

// RFC 9110 field-value: no CR, LF or NUL (header injection), no other control characters but tab.
const BAD_HEADER_VALUE = /[\0-\x08\x0a-\x1f\x7f]/;
// fetch sends header values as bytes: a character above U+00FF cannot be sent at all.
const NOT_A_BYTE = /[^\0-\xff]/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

/** The value is never part of the message: it may be a credential. */
export function assertHeader(name: string, value: string): void {
  if (!HEADER_NAME.test(name)) throw new InvalidInputError(`headers.${name}`, `Invalid HTTP header name: ${JSON.stringify(name)}`);
  if (BAD_HEADER_VALUE.test(value)) {
    throw new InvalidInputError(`headers.${name}`, `The value of header "${name}" contains a control character (CR, LF or NUL)`);
  }
  if (NOT_A_BYTE.test(value)) {
    throw new InvalidInputError(`headers.${name}`, `The value of header "${name}" contains a character above U+00FF, which an HTTP header cannot carry`);
  }
}

/** Percent-encode a path parameter, which must be a string (see `encodePathSegment`). */
export function encodePathParam(name: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new InvalidInputError(name, `Path parameter "${name}" must be a string, got ${value === null ? "null" : typeof value}`);
  }
  return encodePathSegment(name, value);
}

/**
 * Percent-encode `value` as exactly one path segment, or throw an `InvalidInputError` naming the parameter. `""`,
 * `"."` and `".."` are refused: an empty segment or a dot segment, which URL parsers resolve, would leave the
 * segment (`/users/{id}/roles` with `..` is `/roles`). Everything else is encoded, `/` and `%` included, so no value
 * can add a segment or smuggle an encoded one.
 */
export function encodePathSegment(name: string, value: string): string {
  if (value === "" || value === "." || value === "..") {
    throw new InvalidInputError(name, `Path parameter "${name}" must not be empty, "." or ".."`);
  }
  return encodeComponent(value, name, `Path parameter "${name}"`);
}

/** `encodeURIComponent`, with a string that is not well-formed Unicode (a lone surrogate) refused as bad input. */
export function encodeComponent(value: string, field: string, what: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    throw new InvalidInputError(field, `${what} is not a well-formed Unicode string (it has a lone surrogate)`);
  }
}
