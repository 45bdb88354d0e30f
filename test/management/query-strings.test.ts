/**
 * Query strings against what auth0@5.14.1 put on the wire for the same calls (recorded from the published package):
 * `queryParams` replace a method parameter where it stands and add the rest after it; null/undefined/empty ones
 * change nothing; array items repeat the key (a null item as an empty value); objects go as `key[sub]=…`.
 */
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { ManagementClient } from "../../src/management/management-client.js";
import { serve } from "../helpers/serve-recorded.js";

const ORIGIN = "https://tenant.example.com";
const client = (): ManagementClient => new ManagementClient({ domain: "tenant.example.com", token: "t", maxRetries: 0 });
const LIST = { status: 200, body: { users: [], total: 0, start: 0, limit: 50 }, headers: { "content-type": "application/json" } };

afterEach(() => nock.cleanAll());

describe("query strings, as v5 sends them", () => {
  it("queryParams: an override keeps its place; null, undefined and empty values change nothing; null array items are empty", async () => {
    const recorded = serve(ORIGIN, LIST);
    await client().users.list({ per_page: 5 }, { queryParams: { per_page: 9, extra: "a b", arr: ["x", null, undefined, "y"], n: null, u: undefined, page: [] } });
    expect(recorded[0]!.path).toBe("/api/v2/users?page=0&per_page=9&include_totals=true&extra=a%20b&arr=x&arr=&arr=y");
  });

  it("queryParams: objects as key[sub]=…, nested nulls empty, a Date or an empty object adds nothing", async () => {
    const recorded = serve(ORIGIN, LIST);
    await client().users.list({ q: "x" }, { queryParams: { obj: { a: 1, b: { c: "d e" }, n: null, arr: [1, 2] }, d: new Date(0), e: {}, t: true } });
    expect(recorded[0]!.path).toBe(
      "/api/v2/users?page=0&per_page=50&include_totals=true&q=x&obj%5Ba%5D=1&obj%5Bb%5D%5Bc%5D=d%20e&obj%5Bn%5D=&obj%5Barr%5D=1&obj%5Barr%5D=2&t=true",
    );
  });

  it("a method's own parameters: arrays repeat the key, null and undefined are left out", async () => {
    const recorded = serve(ORIGIN, LIST);
    await client().users.list({ connection: ["a", "b"] as unknown as string, fields: null as unknown as string, sort: undefined });
    expect(recorded[0]!.path).toBe("/api/v2/users?page=0&per_page=50&include_totals=true&connection=a&connection=b");
  });
});
