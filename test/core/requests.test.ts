import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/core/errors.js";
import type { ResourceTable } from "../../src/management/endpoint.js";
import { ConflictError, ManagementError, NotFoundError } from "../../src/management/errors.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

const table: ResourceTable = {
  search: { m: "GET", p: "/things", q: [["per_page", 50], "search_engine", "fields", "tags"], e: [400] },
  create: { m: "POST", p: "/things", b: "json", e: [409] },
  remove: { m: "DELETE", p: "/things/{id}", r: "void", e: [404], n: 1 },
};
type Fn = (...args: unknown[]) => Promise<unknown>;
const resource = (options = {}) => new TestClient(options).resource<Record<"search" | "create" | "remove", Fn>>(table);

describe("query, headers and body on the wire", () => {
  it("sends wire names in table order with defaults, arrays as repeated keys, booleans and numbers as text", async () => {
    const scope = nock(ORIGIN).get("/api/v2/things?per_page=50&search_engine=v3&tags=a&tags=b%20c").reply(200, []);
    await resource().search({ searchEngine: "v3", tags: ["a", "b c"] });
    scope.done();
  });

  it("refuses an unknown request property instead of dropping it", async () => {
    const scope = nock(ORIGIN).get(/.*/).reply(200, []);
    await expect(resource().search({ serch_engine: "v3" })).rejects.toThrow(InvalidInputError);
    await expect(resource().search({ serch_engine: "v3" })).rejects.toThrow(/unknown request property "serch_engine"/);
    expect(scope.isDone()).toBe(false);
  });

  it("lets requestOptions.queryParams add and override parameters", async () => {
    const scope = nock(ORIGIN).get("/api/v2/things?fields=id&per_page=10&extra=1").reply(200, []);
    await resource().search({ fields: "id" }, { queryParams: { per_page: 10, extra: 1 } });
    scope.done();
  });

  it("merges headers: client < request options, lower-cased; suppliers evaluated per call; null removes", async () => {
    let n = 0;
    const scope = nock(ORIGIN, { reqheaders: { "x-client": "c", "x-seq": "1", "x-request": "r" }, badheaders: ["x-gone"] })
      .get("/api/v2/things?per_page=50")
      .reply(200, []);
    await resource({ headers: { "X-Client": "c", "X-Seq": () => String(++n), "X-Gone": "g" } }).search({}, { headers: { "X-Request": "r", "x-gone": null } });
    scope.done();
  });

  it("lets the caller's Authorization header win over the token", async () => {
    const scope = nock(ORIGIN, { reqheaders: { authorization: "Bearer mine" } }).get("/api/v2/things?per_page=50").reply(200, []);
    await resource().search({}, { headers: { Authorization: "Bearer mine" } });
    scope.done();
  });

  it("sends a JSON body with its content type and Accept */*", async () => {
    const scope = nock(ORIGIN, { reqheaders: { "content-type": "application/json", accept: "*/*" } }).post("/api/v2/things", { name: "x" }).reply(201, { id: "1" });
    expect(await resource().create({ name: "x" })).toEqual({ id: "1" });
    scope.done();
  });
});

describe("errors", () => {
  it("maps the endpoint's listed statuses to typed errors with v5's message format", async () => {
    nock(ORIGIN).post("/api/v2/things").reply(409, { statusCode: 409, error: "Conflict", message: "exists" });
    const error = (await resource().create({}).catch((e: unknown) => e)) as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toBeInstanceOf(ManagementError);
    expect(error.name).toBe("ConflictError");
    expect(error.statusCode).toBe(409);
    expect(error.body).toEqual({ statusCode: 409, error: "Conflict", message: "exists" });
    expect(error.rawResponse?.status).toBe(409);
    expect(error.message).toBe('ConflictError\nStatus code: 409\nBody: {\n  "statusCode": 409,\n  "error": "Conflict",\n  "message": "exists"\n}');
  });

  it("gives a plain ManagementError for a status the endpoint does not list", async () => {
    nock(ORIGIN).delete("/api/v2/things/x").reply(418, "teapot", { "content-type": "text/plain" });
    const error = (await resource().remove("x").catch((e: unknown) => e)) as ManagementError;
    expect(error.constructor).toBe(ManagementError);
    expect(error.message).toBe('Status code: 418\nBody: "teapot"');
  });

  it("resolves void endpoints to undefined and maps 404", async () => {
    nock(ORIGIN).delete("/api/v2/things/x").reply(204).delete("/api/v2/things/y").reply(404, { message: "no" });
    expect(await resource().remove("x")).toBeUndefined();
    await expect(resource().remove("y")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("turns a 2xx body that is not JSON into one clear error", async () => {
    nock(ORIGIN).get("/api/v2/things?per_page=50").reply(200, '{"truncated": ', { "content-type": "application/json" });
    await expect(resource().search()).rejects.toThrow(/not valid JSON/);
  });

  it("never puts the token in an error", async () => {
    nock(ORIGIN).get("/api/v2/things?per_page=50").reply(400, { message: "bad" });
    const error = await new TestClient({ token: "tok-secret-123" }).resource<Record<"search", Fn>>(table).search().catch((e: unknown) => e);
    expect(JSON.stringify(error)).not.toContain("tok-secret-123");
    expect(String((error as Error).message)).not.toContain("tok-secret-123");
  });
});
