import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AuthenticationClient, InvalidInputError, ManagementClient, UserInfoClient } from "auth0";

/**
 * The `domain` option, fed arbitrary strings: accepted exactly when it is a plausible host with an optional port
 * (`http://` only in front of a loopback host), and an accepted domain is an origin that `fetch` will reach unchanged —
 * never a scheme of the caller's choosing, a path, a query, a fragment or userinfo.
 */

function originOf(domain: unknown): string | InvalidInputError {
  try {
    const client = new ManagementClient({ domain: domain as string, token: "t" });
    // The origin the client resolved: where a request would go.
    return (client as unknown as { resolvedOptions: { origin: string } }).resolvedOptions.origin;
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
}

// Hyphens in the third and fourth places are reserved (IDNA): `xn--0` is a malformed punycode label that URL refuses,
// so it is not a plausible host (the "any string" property below covers what the client does with such labels).
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/).filter((text) => text.slice(2, 4) !== "--");
const topLevel = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z]$/);
/** Hosts such as `tenant.us.auth0.com`: labels, and a last label that is not a number. */
const plausibleHost = fc.tuple(fc.array(label, { minLength: 1, maxLength: 4 }), topLevel).map(([labels, tld]) => [...labels, tld].join("."));
const port = fc.integer({ min: 1, max: 65535 });
const loopback = fc.constantFrom("127.0.0.1", "127.1.2.3", "localhost", "[::1]");

describe(`"Bad input is refused before any request is sent": domain validation`, () => {
  it("any string: either an InvalidInputError, or an origin fetch reaches as it is (https, or http to loopback; no path, query or userinfo)", () => {
    const anyDomain = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.webAuthority({ withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true }),
      fc.domain(),
      fc.tuple(fc.constantFrom("", "http://", "https://", "HTTP://", "ftp://", "//", "javascript:", "file:///"), fc.oneof(plausibleHost, loopback, fc.string({ maxLength: 6 })), fc.constantFrom("", ":443", ":080", ":0", ":65536", "/", "/x", "?q", "#f", "@evil.com", ".", " ", "\t", "\r\n")).map(
        (parts) => parts.join(""),
      ),
    );
    fc.assert(
      fc.property(anyDomain, (domain) => {
        const result = originOf(domain);
        if (result instanceof InvalidInputError) {
          expect(result.field).toBe("domain");
          return;
        }
        const url = new URL(result);
        // No normalisation surprise: what the client holds is exactly the origin fetch will use.
        expect(url.origin).toBe(result);
        expect(url.username + url.password + url.search + url.hash).toBe("");
        expect(url.pathname).toBe("/");
        if (url.protocol === "http:") expect(["127.", "localhost", "[::1]"].some((prefix) => url.hostname.startsWith(prefix))).toBe(true);
        else expect(url.protocol).toBe("https:");
        // The given host survives (case aside): nothing was reinterpreted (no `0x7f.1` → `127.0.0.1`).
        expect(domain.trim().toLowerCase()).toContain(url.hostname);
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts every plausible host, with or without a port, as https", () => {
    fc.assert(
      fc.property(plausibleHost, fc.option(port, { nil: undefined }), fc.boolean(), (host, portNumber, upper) => {
        const given = `${upper ? host.toUpperCase() : host}${portNumber === undefined ? "" : `:${portNumber}`}`;
        const expected = new URL(`https://${host}${portNumber === undefined ? "" : `:${portNumber}`}`).origin;
        expect(originOf(given)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts http:// only in front of a loopback host", () => {
    fc.assert(
      fc.property(fc.oneof(loopback, plausibleHost), fc.option(port, { nil: undefined }), (host, portNumber) => {
        const hostAndPort = `${host}${portNumber === undefined ? "" : `:${portNumber}`}`;
        const result = originOf(`http://${hostAndPort}`);
        if (["127.0.0.1", "127.1.2.3", "localhost", "[::1]"].includes(host)) expect(result).toBe(new URL(`http://${hostAndPort}`).origin);
        else expect(result).toBeInstanceOf(InvalidInputError);
        // https:// is never written out: the bare host means https.
        expect(originOf(`https://${hostAndPort}`)).toBeInstanceOf(InvalidInputError);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a plausible host with a scheme, userinfo, a path, a query, a fragment or inner whitespace", () => {
    const spoil = fc.constantFrom(
      (host: string) => `ftp://${host}`,
      (host: string) => `javascript://${host}`,
      (host: string) => `//${host}`,
      (host: string) => `user:pass@${host}`,
      (host: string) => `${host}@evil.example`,
      (host: string) => `${host}/api/v2`,
      (host: string) => `${host}/`,
      (host: string) => `${host}?x=1`,
      (host: string) => `${host}#x`,
      (host: string) => `${host}\\evil`,
      (host: string) => host.replace(".", ". "),
      (host: string) => host.replace(".", "\n"),
      (host: string) => `${host}:`,
      (host: string) => `${host}:0`,
      (host: string) => `${host}:123456`,
      (host: string) => `${host}.`,
      (host: string) => `${host}..com`,
    );
    fc.assert(
      fc.property(plausibleHost, spoil, (host, make) => {
        expect(originOf(make(host))).toBeInstanceOf(InvalidInputError);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses hosts that URL parsing would reinterpret as another address", () => {
    for (const domain of ["1234", "0x7f.1", "127.1", "010.0.0.1", "tenant.123", "999.999.999.999", "http://127.999.0.1", "http://127.0.0.1.", "http://0177.0.0.1"]) {
      expect(originOf(domain), domain).toBeInstanceOf(InvalidInputError);
    }
  });

  it("validates the domain of every client the same way", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (domain) => {
        const management = originOf(domain) instanceof InvalidInputError;
        const refused = (build: () => unknown): boolean => {
          try {
            build();
            return false;
          } catch (error) {
            if (error instanceof InvalidInputError) return true;
            throw error;
          }
        };
        expect(refused(() => new AuthenticationClient({ domain, clientId: "c", clientSecret: "s" }))).toBe(management);
        expect(refused(() => new UserInfoClient({ domain }))).toBe(management);
      }),
      { numRuns: 500 },
    );
  });
});
