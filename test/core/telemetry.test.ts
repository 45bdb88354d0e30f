import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { base64UrlEncode, telemetryHeader } from "../../src/core/telemetry.js";
import { SDK_VERSION } from "../../src/core/version.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => {
  nock.cleanAll();
  vi.unstubAllGlobals();
});

function decode(header: string): unknown {
  expect(header).not.toMatch(/[+/=]/); // base64url without padding
  return JSON.parse(Buffer.from(header, "base64url").toString("utf8"));
}

describe("telemetry", () => {
  it("sends Auth0-Client: base64url JSON of name, version and runtime", async () => {
    let header = "";
    nock(ORIGIN).get("/api/v2/things").reply(function () {
      header = String(this.req.headers["auth0-client"]);
      return [200, {}];
    });
    await new TestClient().call();
    expect(decode(header)).toEqual({ name: "node-auth0", version: SDK_VERSION, env: { node: process.versions.node } });
  });

  it("sends the clientInfo given instead, and nothing when telemetry is false", async () => {
    const headers: unknown[] = [];
    nock(ORIGIN).get("/api/v2/things").times(2).reply(function () {
      headers.push(this.req.headers["auth0-client"]);
      return [200, {}];
    });
    await new TestClient({ clientInfo: { name: "my-app", version: "1.0" } }).call();
    await new TestClient({ telemetry: false }).call();
    expect(decode(headers[0] as string)).toEqual({ name: "my-app", version: "1.0" });
    expect(headers[1]).toBeUndefined();
  });
});

describe("base64UrlEncode", () => {
  const samples = ["", "a", "ab", "abc", '{"name":"node-auth0","env":{"node":"20"}}', "é ü ß", "日本語", "emoji 🎉 and more", "x".repeat(257)];

  it("is base64url of the UTF-8 bytes, as Buffer encodes them", () => {
    for (const text of samples) expect(base64UrlEncode(text), text).toBe(Buffer.from(text, "utf8").toString("base64url"));
  });

  it("needs neither TextEncoder nor btoa (React Native before 0.74 has neither)", () => {
    vi.stubGlobal("TextEncoder", undefined);
    vi.stubGlobal("btoa", undefined);
    for (const text of samples) expect(base64UrlEncode(text), text).toBe(Buffer.from(text, "utf8").toString("base64url"));
  });

  it("encodes a header whose client info holds a lone surrogate (JSON.stringify escapes it)", () => {
    const name = "a\uD800b\uDC00c";
    const header = telemetryHeader({ clientInfo: { name, version: "1" } });
    expect(JSON.parse(Buffer.from(header!, "base64url").toString("utf8"))).toEqual({ name, version: "1" });
  });
});
