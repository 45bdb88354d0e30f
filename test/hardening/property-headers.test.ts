import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationClient, InvalidInputError, ManagementClient, UserInfoClient } from "auth0";
import { startLoopbackServer } from "../helpers/loopback-server.js";
import { countUnhandledRejections } from "./support.js";

/**
 * Header injection: a header value with CR, LF, NUL (or another control character, or a character no HTTP header can
 * carry) and a header name that is not an HTTP token are refused with an `InvalidInputError` before any request —
 * wherever the header comes from: the client's `headers`, a call's request options, the `token` option, a bearer
 * token handed to `/userinfo`. Valid ones reach the server byte for byte.
 */

countUnhandledRejections();
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer();
  server.handle((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end('{"user_id":"u","sub":"u"}'));
});
afterAll(() => server.close());

const TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const validName = fc
  .string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 20 })
  .map((name) => `x-${name}`)
  .filter((name) => name.toLowerCase() !== "x-" && !/^x-(forwarded|real)/i.test(name));
/** Visible ASCII, inner spaces and tabs: what an application legitimately puts in a header. */
const validValue = fc
  .string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)), "\t"), maxLength: 40 })
  .map((value) => value.trim());
const forbidden = fc.constantFrom("\r", "\n", "\r\n", "\0", "\x01", "\x1b", "\x7f", "\u2028", "\u0100", "€", "😀");
/** A value with at least one character a header value must not contain, anywhere. */
const badValue = fc.tuple(validValue, forbidden, validValue).map(([before, bad, after]) => `${before}${bad}${after}`);
const badName = fc.oneof(
  fc.tuple(validName, fc.constantFrom(" ", ":", "\r\n", "\n", "\0", "(", "@", "é", "/", "\"", "{")).map(([name, bad]) => `${name}${bad}`),
  fc.constant(""),
);

function management(options: Record<string, unknown> = {}): ManagementClient {
  return new ManagementClient({ domain: server.domain, token: "t0ken-value", maxRetries: 0, throttle: false, ...options } as ConstructorParameters<typeof ManagementClient>[0]);
}

async function refused(call: () => Promise<unknown>): Promise<void> {
  const before = server.requests.length;
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).field).toMatch(/^headers\./);
  expect(server.requests.length, "no request reached the server").toBe(before);
}

describe(`"Bad input is refused before any request is sent": header values and names`, () => {
  it("a CR, LF, NUL or other forbidden character in a request-option header value: InvalidInputError, nothing sent", async () => {
    const client = management();
    await fc.assert(
      fc.asyncProperty(validName, badValue, async (name, value) => {
        await refused(() => client.users.get("u", {}, { headers: { [name]: value } }));
        // A header function that returns one is checked the same way.
        await refused(() => client.users.get("u", {}, { headers: { [name]: () => value } }));
      }),
      { numRuns: 150 },
    );
  });

  it("a forbidden character in the client's `headers` option: InvalidInputError at construction", () => {
    fc.assert(
      fc.property(validName, badValue, (name, value) => {
        expect(() => management({ headers: { [name]: value } })).toThrow(InvalidInputError);
        expect(() => new AuthenticationClient({ domain: server.domain, clientId: "c", clientSecret: "s", headers: { [name]: value } })).toThrow(InvalidInputError);
      }),
      { numRuns: 200 },
    );
  });

  it("a header name that is not an HTTP token: InvalidInputError, nothing sent", async () => {
    const client = management();
    await fc.assert(
      fc.asyncProperty(badName, validValue, async (name, value) => {
        await refused(() => client.users.get("u", {}, { headers: { [name]: value } }));
        expect(() => management({ headers: { [name]: value } })).toThrow(InvalidInputError);
      }),
      { numRuns: 150 },
    );
  });

  it("a token with a forbidden character (the `token` option, or a function's result): InvalidInputError, nothing sent, the token not in the message", async () => {
    await fc.assert(
      fc.asyncProperty(badValue, fc.boolean(), async (token, asFunction) => {
        const client = management({ token: asFunction ? async () => token : token });
        const before = server.requests.length;
        const error = await client.users.get("u").then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as Error).message).not.toContain(token);
        expect(server.requests.length).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it("a bearer token with a forbidden character given to /userinfo: InvalidInputError, nothing sent", async () => {
    const userInfo = new UserInfoClient({ domain: server.domain });
    await fc.assert(
      fc.asyncProperty(badValue, async (token) => {
        await refused(() => userInfo.getUserInfo(token));
      }),
      { numRuns: 100 },
    );
  });

  it("valid names and values reach the server exactly", async () => {
    const client = management();
    await fc.assert(
      fc.asyncProperty(fc.dictionary(validName, validValue, { maxKeys: 5 }), async (headers) => {
        server.requests.length = 0;
        await client.users.get("u", {}, { headers });
        expect(server.requests).toHaveLength(1);
        const seen = server.requests[0]!.headers;
        // Header names are case-insensitive: the last spelling of a name wins.
        const expected = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
        for (const [name, value] of expected) expect(seen[name]).toBe(value);
      }),
      { numRuns: 150 },
    );
  });
});
