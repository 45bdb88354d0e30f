import { describe, expect, it } from "vitest";
import { parseTable } from "../endpoint.js";

describe("descriptor lines", () => {
  it("read the verb letter, the path, the query keys, the required keys, the body and the response", () => {
    const table = ["getAll G/users ?page,per_page,q", "remove D/connections/{id}/users ?email !id,email v", "create P/users j", "count G/stats/active-users t", "import P/jobs/users-imports f:users,upsert"].join("\n");
    expect(parseTable(table)).toEqual([
      ["getAll", { method: "GET", path: "/users", query: ["page", "per_page", "q"], required: [], body: undefined, response: "json", takesParams: true }],
      ["remove", { method: "DELETE", path: "/connections/{id}/users", query: ["email"], required: ["id", "email"], body: undefined, response: "void", takesParams: true }],
      ["create", { method: "POST", path: "/users", query: [], required: [], body: "json", response: "json", takesParams: false }],
      ["count", { method: "GET", path: "/stats/active-users", query: [], required: [], body: undefined, response: "text", takesParams: false }],
      ["import", { method: "POST", path: "/jobs/users-imports", query: [], required: [], body: ["users", "upsert"], response: "json", takesParams: false }],
    ]);
  });

  it("take a leading number as that many characters of the previous line's path", () => {
    const endpoints = parseTable(["get G/users/{id}", "roles G11/roles", "delete D11", "list G6 ?q", "patch A/actions/actions/{id} j", "put U/rules-configs/{key} j"].join("\n"));
    expect(endpoints.map(([name, endpoint]) => [name, endpoint.method, endpoint.path, endpoint.required])).toEqual([
      ["get", "GET", "/users/{id}", ["id"]],
      ["roles", "GET", "/users/{id}/roles", ["id"]],
      ["delete", "DELETE", "/users/{id}", ["id"]],
      ["list", "GET", "/users", []],
      ["patch", "PATCH", "/actions/actions/{id}", ["id"]],
      ["put", "PUT", "/rules-configs/{key}", ["key"]],
    ]);
  });

  it("expand a capital letter in the query keys to its run of keys", () => {
    expect(parseTable("getAll G/clients ?F,P,C,q")[0]?.[1].query).toEqual(["fields", "include_fields", "page", "per_page", "include_totals", "from", "take", "q"]);
  });

  it("reject what they do not understand", () => {
    expect(() => parseTable("get X/users")).toThrow(/bad endpoint descriptor/);
    expect(() => parseTable("get G/users nonsense")).toThrow(/bad endpoint descriptor/);
  });
});
