import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationClient, ManagementClient, type PipelineResponse } from "auth0";
import { ManagementClient as LegacyManagementClient } from "auth0/legacy";
import { startLoopbackServer } from "../helpers/loopback-server.js";
import { capturingLogger, countUnhandledRejections } from "./support.js";

/**
 * A hostile tenant (or anything in between) answers JSON full of `__proto__`, `constructor` and `prototype` keys, at
 * any depth. Parsing it — `users.get`, `.withRawResponse()`, a `Page` walked with `for await`, debug logging, hook
 * payloads, the Authentication API and the v4 client — pollutes no prototype, and the caller gets exactly what
 * `JSON.parse` gives (a `__proto__` key stays an ordinary own property).
 */

countUnhandledRejections();
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
/** What the server answers: `pageTwo` for a request of page 1, else `body`. */
let body = "{}";
let pageTwo = '{"users":[]}';
beforeAll(async () => {
  server = await startLoopbackServer();
  server.handle((req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(req.url?.includes("page=1") ? pageTwo : body));
});
afterAll(() => server.close());

const POISON_KEYS = ["__proto__", "constructor", "prototype", "polluted", "toString", "valueOf", "hasOwnProperty", "isAdmin", "total", "length", "next", "users"];
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...POISON_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) });
const leaf = fc.constantFrom('"yes"', "1", "true", "null", "{}", "[]", '{"polluted":"yes"}', '"function"');
/** JSON text (not objects: an object literal's `__proto__` would set the prototype instead of making a key). */
const { tree } = fc.letrec<{ tree: string; list: string; object: string }>((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, leaf, tie("list"), tie("object")),
  list: fc.array(tie("tree"), { maxLength: 3 }).map((items) => `[${items.join(",")}]`),
  object: fc.array(fc.tuple(key, tie("tree")), { maxLength: 4 }).map((entries) => `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${item}`).join(",")}}`),
}));
/** A JSON object with poison at the top level and below it. */
const poisonedObject = (extra: string) =>
  fc
    .array(fc.tuple(key, tree), { maxLength: 5 })
    .map((entries) => `{${[extra, ...entries.map(([name, item]) => `${JSON.stringify(name)}:${item}`), '"__proto__":{"polluted":"yes","isAdmin":true}', '"constructor":{"prototype":{"polluted":"yes"}}'].filter(Boolean).join(",")}}`);

const snapshot = (): Record<string, string[]> => ({
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  function: Object.getOwnPropertyNames(Function.prototype).sort(),
  string: Object.getOwnPropertyNames(String.prototype).sort(),
});
const baseline = snapshot();

function expectNoPollution(): void {
  expect(snapshot()).toEqual(baseline);
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
  expect(Object.prototype.toString.call([])).toBe("[object Array]");
  expect(typeof probe.hasOwnProperty).toBe("function");
}

/** The same value JSON.parse gives, compared as JSON (a `__proto__` own key included). */
function expectSameJson(actual: unknown, text: string): void {
  expect(JSON.stringify(actual)).toBe(JSON.stringify(JSON.parse(text)));
  if (actual !== null && typeof actual === "object" && !Array.isArray(actual)) expect(Object.getPrototypeOf(actual)).toBe(Object.prototype);
}

describe("responses full of __proto__, constructor and prototype keys", () => {
  it("users.get and withRawResponse: no prototype polluted, the data exactly as JSON.parse gives it, hook views too", async () => {
    const { logger } = capturingLogger();
    const client = new ManagementClient({ domain: server.domain, token: "t", throttle: false, logging: { level: "debug", logger } });
    const seen: PipelineResponse[] = [];
    client.lifecycle.hook("request:response", ({ response }) => void seen.push(response));
    await fc.assert(
      fc.asyncProperty(poisonedObject('"user_id":"u"'), async (text) => {
        body = text;
        seen.length = 0;
        expectSameJson(await client.users.get("u"), text);
        const { data } = await client.users.get("u").withRawResponse();
        expectSameJson(data, text);
        // Observers get a masked copy: the same JSON, the same (ordinary) prototype.
        expect(seen).toHaveLength(2);
        expectSameJson(seen[0]!.body, text);
        expectNoPollution();
      }),
      { numRuns: 200 },
    );
  });

  it("a Page walked with for await, hasNextPage and getNextPage: no prototype polluted", async () => {
    const client = new ManagementClient({ domain: server.domain, token: "t", throttle: false });
    await fc.assert(
      fc.asyncProperty(fc.array(poisonedObject('"user_id":"u"'), { minLength: 1, maxLength: 3 }), poisonedObject(""), async (users, meta) => {
        // Page one: the items, the real totals after the poison (a later key wins in JSON.parse).
        const inner = meta.slice(1, -1);
        body = `{${inner}${inner ? "," : ""}"users":[${users.join(",")}],"start":0,"limit":50,"length":${users.length},"total":${users.length + 1}}`;
        pageTwo = `{"__proto__":{"total":99},"users":[${users[0]}],"start":${users.length},"limit":50,"total":${users.length + 1}}`;
        const walked: unknown[] = [];
        for await (const user of await client.users.list()) walked.push(user);
        expect(walked).toHaveLength(users.length + 1);
        walked.slice(0, users.length).forEach((user, index) => expectSameJson(user, users[index]!));
        const page = await client.users.list();
        expect(page.hasNextPage()).toBe(true);
        await page.getNextPage();
        expect(page.hasNextPage()).toBe(false);
        expectNoPollution();
      }),
      { numRuns: 100 },
    );
  });

  it("the Authentication API and the v4 client: no prototype polluted", async () => {
    const auth = new AuthenticationClient({ domain: server.domain, clientId: "c", clientSecret: "s" });
    const legacy = new LegacyManagementClient({ domain: server.domain, token: "t" });
    await fc.assert(
      fc.asyncProperty(poisonedObject('"access_token":"a","token_type":"Bearer","expires_in":60'), async (text) => {
        body = text;
        const { data } = await auth.oauth.clientCredentialsGrant({ audience: "a" });
        expectSameJson(data, text);
        const { data: legacyData } = await legacy.users.get({ id: "u" });
        expectSameJson(legacyData, text);
        expectNoPollution();
      }),
      { numRuns: 100 },
    );
  });
});
