import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

describe("lifecycle hooks", () => {
  it("report start, response and error with the request, and hook() returns its unregister function", async () => {
    const client = new TestClient();
    const events: string[] = [];
    const off = client.lifecycle.hook("request:start", ({ request }) => void events.push(`start ${request.method} ${request.operation.path}`));
    client.lifecycle.hook("request:response", ({ response, durationMs }) => void events.push(`response ${response.status} ${durationMs >= 0}`));
    client.lifecycle.hook("request:error", ({ error }) => void events.push(`error ${(error as Error).name}`));
    nock(ORIGIN).get("/api/v2/things").reply(200, {}).get("/api/v2/things").replyWithError(Object.assign(new Error("boom"), { code: "EHOSTUNREACH" }));
    await client.call();
    off();
    await expect(client.call()).rejects.toThrow("boom");
    expect(events).toEqual(["start GET /things", "response 200 true", "error ManagementError"]);
  });

  it("observe only: a throwing hook is logged and the request still succeeds", async () => {
    const warnings: unknown[] = [];
    const logger = { debug() {}, info() {}, warn: (...args: unknown[]) => void warnings.push(args), error() {} };
    const client = new TestClient({ logging: { level: "warn", logger } });
    client.lifecycle.hook("request:response", () => {
      throw new Error("observer bug");
    });
    nock(ORIGIN).get("/api/v2/things").reply(200, { fine: true });
    const { response } = await client.call();
    expect(response.body).toEqual({ fine: true });
    expect(warnings).toHaveLength(1);
  });
});
