/**
 * JSON request bodies as v5 sends them: the request argument serialised as given, whatever its JSON type, and no body
 * at all when a request without a `{}` default is left out. (The per-method cases — `{}` or no body when the request
 * is left out — are in the generated wire tests; this file covers the value shapes.)
 */
import { afterEach, describe, expect, it } from "vitest";
import nock from "nock";
import { InvalidInputError } from "../../src/core/errors.js";
import { ManagementClient } from "../../src/management/management-client.js";
import { serve } from "../helpers/serve-recorded.js";

const ORIGIN = "https://tenant.example.com";
const client = (): ManagementClient => new ManagementClient({ domain: "tenant.example.com", token: "t", maxRetries: 0 });
const NO_CONTENT = { status: 204, body: "", headers: {} };

afterEach(() => nock.cleanAll());

describe("JSON request bodies", () => {
  const html = '<!DOCTYPE html><html><head>{%- auth0:head -%}</head><body>{%- auth0:widget -%}</body></html>';

  it("branding.templates.updateUniversalLogin(string) sends the template as a JSON string, as v5 does", async () => {
    const recorded = serve(ORIGIN, NO_CONTENT);
    await expect(client().branding.templates.updateUniversalLogin(html)).resolves.toBeUndefined();
    expect(recorded).toHaveLength(1);
    expect(`${recorded[0]!.method} ${recorded[0]!.path}`).toBe("PUT /api/v2/branding/templates/universal-login");
    expect(recorded[0]!.headers["content-type"]).toBe("application/json");
    expect(recorded[0]!.body).toBe(JSON.stringify(html));
  });

  it("branding.templates.updateUniversalLogin({ template }) sends the object", async () => {
    const recorded = serve(ORIGIN, NO_CONTENT);
    await client().branding.templates.updateUniversalLogin({ template: html });
    expect(recorded[0]!.headers["content-type"]).toBe("application/json");
    expect(recorded[0]!.body).toBe(`{"template":${JSON.stringify(html)}}`);
  });

  it("an array body goes as a JSON array (hooks.secrets.delete)", async () => {
    const recorded = serve(ORIGIN, NO_CONTENT);
    await client().hooks.secrets.delete("hook/1", ["API_KEY", "OTHER"]);
    expect(`${recorded[0]!.method} ${recorded[0]!.path}`).toBe("DELETE /api/v2/hooks/hook%2F1/secrets");
    expect(recorded[0]!.body).toBe('["API_KEY","OTHER"]');
  });

  it("a required request left out sends no body and no content type (v5 serialises undefined to nothing)", async () => {
    const recorded = serve(ORIGIN, { status: 201, body: { client_id: "c" }, headers: { "content-type": "application/json" } });
    await (client().clients.create as unknown as () => Promise<unknown>)();
    expect(recorded[0]!.headers["content-type"]).toBeUndefined();
    expect(recorded[0]!.body).toBe("");
  });

  it.each([
    ["a function", () => undefined],
    ["a symbol", Symbol("x")],
    ["a bigint", 1n],
  ])("refuses %s as a request before any request", async (_label, value) => {
    const recorded = serve(ORIGIN, NO_CONTENT);
    const call = client().branding.templates.updateUniversalLogin as unknown as (request: unknown) => Promise<unknown>;
    await expect(call(value)).rejects.toBeInstanceOf(InvalidInputError);
    expect(recorded).toHaveLength(0);
  });

  it("a query method still takes only an object as its request", async () => {
    const recorded = serve(ORIGIN, { status: 200, body: "[]", headers: { "content-type": "application/json" } });
    const call = client().users.listUsersByEmail as unknown as (request: unknown) => Promise<unknown>;
    await expect(call("ann@example.com")).rejects.toBeInstanceOf(InvalidInputError);
    await expect(call(["a"])).rejects.toBeInstanceOf(InvalidInputError);
    expect(recorded).toHaveLength(0);
  });
});
