import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError, ManagementClient } from "auth0";
import { startLoopbackServer } from "../helpers/loopback-server.js";
import { countUnhandledRejections } from "./support.js";

/**
 * Query strings, fed arbitrary keys and values: what a method's own query parameters and `requestOptions.queryParams`
 * carry decodes back exactly on the server (URLSearchParams), as v5 encodes them — arrays as repeated keys in order,
 * nested objects as `key[sub]`, `queryParams` replacing the method's same-name parameters where they stand (and a
 * null one changing nothing); nothing leaks into the path; strings that are not well-formed Unicode are refused
 * before any request.
 */

countUnhandledRejections();
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
let client: ManagementClient;
beforeAll(async () => {
  server = await startLoopbackServer();
  server.handle((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end('{"users":[],"total":0}'));
  client = new ManagementClient({ domain: server.domain, token: "t", maxRetries: 0, throttle: false });
});
afterAll(() => server.close());

const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: fc.constantFrom("&", "=", "+", "%", "#", "?", "/", " ", ";", "[", "]", "\n", "\0", "é", "😀", "a", "1"), maxLength: 10 }),
);
type Scalar = string | number | boolean;
const scalar: fc.Arbitrary<Scalar> = fc.oneof(text, fc.integer(), fc.double({ noNaN: false }), fc.boolean());
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 4 }), scalar, { maxKeys: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
);

type Pair = readonly [key: string, value: string];

/**
 * The pairs the server should see for one parameter, by v5's rules (its `toQueryString`): null/undefined left out at
 * the top; array items repeated (undefined skipped, null as an empty value); object entries as `key[sub]`, nested
 * nulls as empty values; anything else as its text.
 */
function pairsOf(key: string, item: unknown, nested = false): Pair[] {
  if (item === undefined || (item === null && !nested)) return [];
  if (item === null) return [[key, ""]];
  if (Array.isArray(item)) {
    return item.flatMap((each: unknown): Pair[] =>
      each === undefined ? [] : each === null ? [[key, ""]] : typeof each === "object" && !Array.isArray(each) ? pairsOf(key, each, true) : [[key, String(each)]],
    );
  }
  if (typeof item === "object") return Object.entries(item).flatMap(([sub, each]) => pairsOf(`${key}[${sub}]`, each, true));
  return [[key, String(item)]];
}

/** The query the server received, as pairs in order. */
function received(): Pair[] {
  return [...new URL(server.requests.at(-1)!.url, "http://x").searchParams];
}

describe("query strings", () => {
  it("requestOptions.queryParams of any keys and values decode back exactly", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(text, value, { maxKeys: 6 }), async (queryParams) => {
        await client.clientGrants.get("grant", { queryParams });
        expect(received()).toEqual(Object.entries(queryParams).flatMap(([key, item]) => pairsOf(key, item)));
        expect(new URL(server.requests.at(-1)!.url, "http://x").pathname).toBe("/api/v2/client-grants/grant");
      }),
      { numRuns: 300 },
    );
  });

  it("a method's own query parameters decode back exactly, with its defaults, in wire order", async () => {
    const request = fc.record(
      { q: text, fields: text, sort: text, connection: text, search_engine: text, include_fields: fc.boolean(), per_page: fc.integer({ min: 0, max: 100 }) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(request, async (given) => {
        // Any text, also where the API expects an enum: the encoding must hold for whatever is passed.
        await client.users.list(given as Parameters<typeof client.users.list>[0]);
        const seen = received();
        const order = ["page", "per_page", "include_totals", "sort", "connection", "fields", "include_fields", "q", "search_engine"];
        const withDefaults: Record<string, unknown> = { page: 0, per_page: 50, include_totals: true, ...given };
        expect(seen).toEqual(order.flatMap((key) => pairsOf(key, withDefaults[key])));
      }),
      { numRuns: 300 },
    );
  });

  it("queryParams replace the method's same-name parameters where they stand, add the others, and a null one changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.dictionary(fc.constantFrom("q", "sort", "page", "fields", "extra", "other"), value, { maxKeys: 4 }), async (q, queryParams) => {
        await client.users.list({ q, sort: "email:1" }, { queryParams });
        const groups = new Map<string, Pair[]>(
          Object.entries({ page: 0, per_page: 50, include_totals: true, sort: "email:1", q }).map(([key, item]) => [key, pairsOf(key, item)]),
        );
        for (const [key, item] of Object.entries(queryParams)) if (pairsOf(key, item).length > 0) groups.set(key, pairsOf(key, item));
        expect(received()).toEqual([...groups.values()].flat());
      }),
      { numRuns: 300 },
    );
  });

  it("a key or value that is not well-formed Unicode is refused before any request", async () => {
    const lone = fc.tuple(fc.string({ maxLength: 4 }), fc.integer({ min: 0xd800, max: 0xdfff })).map(([before, unit]) => `${before}${String.fromCharCode(unit)}`);
    await fc.assert(
      fc.asyncProperty(lone, fc.boolean(), async (bad, asKey) => {
        const before = server.requests.length;
        const queryParams = asKey ? { [bad]: "v" } : { k: bad };
        await expect(client.clientGrants.get("grant", { queryParams })).rejects.toBeInstanceOf(InvalidInputError);
        await expect(client.users.list({ q: bad })).rejects.toBeInstanceOf(InvalidInputError);
        expect(server.requests.length).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
