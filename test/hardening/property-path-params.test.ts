import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError, ManagementClient } from "auth0";
import { ManagementClient as LegacyManagementClient } from "auth0/legacy";
import { startLoopbackServer } from "../helpers/loopback-server.js";
import { countUnhandledRejections } from "./support.js";

/**
 * Path parameters, fed any string: a string the SDK accepts lands in exactly its own segment of the request path and
 * decodes back to itself — no `/`, `?`, `#`, `%`, `..`, backslash or Unicode escapes it — and "", ".", ".." and
 * strings that are not well-formed Unicode are refused with an `InvalidInputError` before any request.
 */

countUnhandledRejections();
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
let client: ManagementClient;
let legacy: LegacyManagementClient;
beforeAll(async () => {
  server = await startLoopbackServer();
  server.handle((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end("{}"));
  client = new ManagementClient({ domain: server.domain, token: "t", maxRetries: 0, throttle: false });
  legacy = new LegacyManagementClient({ domain: server.domain, token: "t", retry: { enabled: false } });
});
afterAll(() => server.close());

const REFUSED = ["", ".", ".."];
/** Any string, with the characters that matter for paths made likely. */
const anyId = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: fc.constantFrom("/", ".", "%", "?", "#", "\\", ";", "@", ":", "+", "&", "=", " ", "2", "e", "f", "|", "~", "\u0000", "\n", "é", "😀"), maxLength: 12 }),
  fc.constantFrom(...REFUSED, "...", ". .", "%2e%2e", ".%2e", "%2F", "..%2F..", "a/../b", "./", "/.", "?", "#", "%", "%%", "%zz", "\\..\\"),
);

/** The raw path the server received, split into segments. */
function lastPathSegments(): string[] {
  const url = server.requests.at(-1)?.url ?? "";
  return url.split("?")[0]!.split("/");
}

describe(`"Bad input is refused before any request is sent": path parameters`, () => {
  it("one parameter: exactly one segment, decoding back to the input; '', '.', '..' refused with nothing sent", async () => {
    await fc.assert(
      fc.asyncProperty(anyId, async (id) => {
        const before = server.requests.length;
        const outcome = await client.users.get(id).then(
          () => "sent",
          (error: unknown) => error,
        );
        if (REFUSED.includes(id)) {
          expect(outcome).toBeInstanceOf(InvalidInputError);
          expect(server.requests.length).toBe(before);
          return;
        }
        expect(outcome).toBe("sent");
        const segments = lastPathSegments();
        expect(segments.slice(0, 4)).toEqual(["", "api", "v2", "users"]);
        expect(segments).toHaveLength(5);
        expect(decodeURIComponent(segments[4]!)).toBe(id);
        expect(server.requests.at(-1)?.url).not.toContain("?");
      }),
      { numRuns: 400 },
    );
  });

  it("two parameters: each in its own segment, in order, the fixed segments untouched", async () => {
    const accepted = anyId.filter((id) => !REFUSED.includes(id));
    await fc.assert(
      fc.asyncProperty(accepted, accepted, async (id, methodId) => {
        await client.users.authenticationMethods.get(id, methodId);
        const segments = lastPathSegments();
        expect(segments).toHaveLength(7);
        expect([segments[1], segments[2], segments[3], segments[5]]).toEqual(["api", "v2", "users", "authentication-methods"]);
        expect([decodeURIComponent(segments[4]!), decodeURIComponent(segments[6]!)]).toEqual([id, methodId]);
      }),
      { numRuns: 300 },
    );
  });

  it("a string that is not well-formed Unicode (a lone surrogate): InvalidInputError, nothing sent", async () => {
    const loneSurrogate = fc.tuple(fc.string({ maxLength: 5 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 5 })).map(
      ([before, unit, after]) => `${before}${String.fromCharCode(unit)}${after}`,
    );
    await fc.assert(
      fc.asyncProperty(loneSurrogate, async (id) => {
        const before = server.requests.length;
        await expect(client.users.get(id)).rejects.toBeInstanceOf(InvalidInputError);
        await expect(client.users.authenticationMethods.get("ok", id)).rejects.toBeInstanceOf(InvalidInputError);
        expect(server.requests.length).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it("anything but a string is refused", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.object(), fc.array(fc.string())), async (value) => {
        const before = server.requests.length;
        await expect(client.users.get(value as unknown as string)).rejects.toBeInstanceOf(InvalidInputError);
        expect(server.requests.length).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe("path parameters of auth0/legacy (the same rule, the same code)", () => {
  it("one parameter: exactly one segment, decoding back to the input; '', '.', '..' refused with nothing sent", async () => {
    await fc.assert(
      fc.asyncProperty(anyId, async (id) => {
        const before = server.requests.length;
        const outcome = await legacy.users.get({ id }).then(
          () => "sent",
          (error: unknown) => error,
        );
        if (REFUSED.includes(id)) {
          expect(outcome).toBeInstanceOf(InvalidInputError);
          expect(server.requests.length).toBe(before);
          return;
        }
        expect(outcome).toBe("sent");
        const segments = lastPathSegments();
        expect(segments.slice(0, 4)).toEqual(["", "api", "v2", "users"]);
        expect(segments).toHaveLength(5);
        expect(decodeURIComponent(segments[4]!)).toBe(id);
      }),
      { numRuns: 300 },
    );
  });

  it("two parameters: each in its own segment, in order; a refused one in either place sends nothing", async () => {
    await fc.assert(
      fc.asyncProperty(anyId, anyId, async (id, methodId) => {
        const before = server.requests.length;
        const outcome = await legacy.users.getAuthenticationMethod({ id, authentication_method_id: methodId }).then(
          () => "sent",
          (error: unknown) => error,
        );
        if (REFUSED.includes(id) || REFUSED.includes(methodId)) {
          expect(outcome).toBeInstanceOf(InvalidInputError);
          expect(server.requests.length).toBe(before);
          return;
        }
        const segments = lastPathSegments();
        expect(segments).toHaveLength(7);
        expect([segments[1], segments[2], segments[3], segments[5]]).toEqual(["api", "v2", "users", "authentication-methods"]);
        expect([decodeURIComponent(segments[4]!), decodeURIComponent(segments[6]!)]).toEqual([id, methodId]);
      }),
      { numRuns: 200 },
    );
  });
});
