import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { HttpResponsePromise } from "../../src/core/http-response-promise.js";
import type { Page } from "../../src/core/page.js";
import type { ResourceTable } from "../../src/management/endpoint.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

const table: ResourceTable = {
  get: { m: "GET", p: "/things/{id}", e: [404] },
  list: { m: "GET", p: "/things", q: [["page", 0], ["per_page", 50], ["include_totals", true]], e: [], g: ["offset", "things"] },
  listBare: { m: "GET", p: "/bare", q: ["page", "per_page"], e: [], g: ["offset", "things"] },
  scan: { m: "GET", p: "/scan", q: ["from", ["take", 50]], e: [], g: ["checkpoint", "things"] },
};

interface Things {
  get(id: string): HttpResponsePromise<{ id: string }>;
  list(request?: Record<string, unknown>): Promise<Page<{ n: number }, { things: { n: number }[]; total?: number }>>;
  listBare(request?: Record<string, unknown>): Promise<Page<{ n: number }>>;
  scan(request?: Record<string, unknown>): Promise<Page<{ n: number }>>;
}

const things = () => new TestClient().resource<Things>(table);
const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ n: from + i }));

describe("HttpResponsePromise", () => {
  it("resolves to the parsed body, and withRawResponse() adds status and headers", async () => {
    nock(ORIGIN).get("/api/v2/things/a").times(2).reply(200, { id: "a" }, { "x-ratelimit-remaining": "41" });
    const resource = things();
    expect(await resource.get("a")).toEqual({ id: "a" });
    const { data, rawResponse } = await resource.get("a").withRawResponse();
    expect(data).toEqual({ id: "a" });
    expect(rawResponse.status).toBe(200);
    expect(rawResponse.headers.get("x-ratelimit-remaining")).toBe("41");
  });

  it("is a Promise whose then/catch/finally give plain promises", async () => {
    nock(ORIGIN).get("/api/v2/things/a").reply(404, { message: "gone" });
    const promise = things().get("a");
    expect(promise).toBeInstanceOf(Promise);
    const caught = promise.catch((error: Error) => error.name);
    expect(caught.constructor).toBe(Promise);
    expect(await caught).toBe("NotFoundError");
  });
});

describe("Page, offset", () => {
  it("walks every item with for await and stops at the total without an extra empty request", async () => {
    const scope = nock(ORIGIN)
      .get("/api/v2/things").query({ page: "0", per_page: "2", include_totals: "true" }).reply(200, { start: 0, limit: 2, length: 2, total: 5, things: items(0, 2) })
      .get("/api/v2/things").query({ page: "1", per_page: "2", include_totals: "true" }).reply(200, { start: 2, limit: 2, length: 2, total: 5, things: items(2, 2) })
      .get("/api/v2/things").query({ page: "2", per_page: "2", include_totals: "true" }).reply(200, { start: 4, limit: 2, length: 1, total: 5, things: items(4, 1) });
    const seen: number[] = [];
    for await (const item of await things().list({ per_page: 2 })) seen.push(item.n);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    scope.done();
  });

  it("gets hasNextPage right for any per_page, even when the total is a multiple of it", async () => {
    nock(ORIGIN)
      .get("/api/v2/things").query({ page: "0", per_page: "3", include_totals: "true" }).reply(200, { start: 0, limit: 3, length: 3, total: 6, things: items(0, 3) })
      .get("/api/v2/things").query({ page: "1", per_page: "3", include_totals: "true" }).reply(200, { start: 3, limit: 3, length: 3, total: 6, things: items(3, 3) });
    const page = await things().list({ per_page: 3 });
    expect(page.data.map((t) => t.n)).toEqual([0, 1, 2]);
    expect(page.hasNextPage()).toBe(true);
    const second = await page.getNextPage();
    expect(second).toBe(page);
    expect(page.data.map((t) => t.n)).toEqual([3, 4, 5]);
    expect(page.hasNextPage()).toBe(false);
  });

  it("without totals, uses the server's limit over the requested per_page (the server caps it)", async () => {
    nock(ORIGIN).get("/api/v2/things").query({ page: "0", per_page: "500", include_totals: "false" }).reply(200, { start: 0, limit: 100, length: 100, things: items(0, 100) });
    const page = await things().list({ per_page: 500, include_totals: false });
    expect(page.hasNextPage()).toBe(true);
  });

  it("reads bare-array responses (include_totals=false) and stops on a short page", async () => {
    nock(ORIGIN).get("/api/v2/bare").query({ page: "0", per_page: "2" }).reply(200, items(0, 2)).get("/api/v2/bare").query({ page: "1", per_page: "2" }).reply(200, items(2, 1));
    const seen: number[] = [];
    for await (const item of await things().listBare({ page: 0, per_page: 2 })) seen.push(item.n);
    expect(seen).toEqual([0, 1, 2]);
  });

  it("exposes the response and raw response of the current page", async () => {
    nock(ORIGIN).get("/api/v2/things").query(true).reply(200, { start: 0, limit: 50, length: 1, total: 1, things: items(0, 1) }, { "x-ratelimit-limit": "50" });
    const page = await things().list();
    expect(page.response.total).toBe(1);
    expect(page.rawResponse.headers.get("x-ratelimit-limit")).toBe("50");
  });
});

describe("Page, checkpoint", () => {
  it("follows `next` with from/take and stops when it is absent", async () => {
    const scope = nock(ORIGIN)
      .get("/api/v2/scan").query({ take: "2" }).reply(200, { things: items(0, 2), next: "cur1" })
      .get("/api/v2/scan").query({ from: "cur1", take: "2" }).reply(200, { things: items(2, 2), next: "cur2" })
      .get("/api/v2/scan").query({ from: "cur2", take: "2" }).reply(200, { things: items(4, 1) });
    const seen: number[] = [];
    for await (const item of await things().scan({ take: 2 })) seen.push(item.n);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    scope.done();
  });
});
