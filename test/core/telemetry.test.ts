import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { SDK_VERSION } from "../../src/core/version.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

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
