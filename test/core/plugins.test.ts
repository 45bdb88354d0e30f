import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { PluginError } from "../../src/core/errors.js";
import { definePlugin } from "../../src/core/plugin.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

describe("plugins", () => {
  it("receive the client's container, hooks, pipeline and options, in registration order", () => {
    const order: string[] = [];
    const client = new TestClient({
      plugins: [
        definePlugin({ name: "a", setup: ({ pipeline, hooks, options }) => void order.push(`a:${pipeline.names.length}:${typeof hooks.hook}:${options.origin}`) }),
        definePlugin({ name: "b", dependencies: ["a"], setup: () => void order.push("b") }),
      ],
    });
    expect(client).toBeInstanceOf(TestClient);
    expect(order).toEqual([`a:6:function:${ORIGIN}`, "b"]);
  });

  it("fail at construction on a duplicate name, naming it", () => {
    const p = definePlugin({ name: "dup", setup: () => undefined });
    expect(() => new TestClient({ plugins: [p, p] })).toThrow(PluginError);
    expect(() => new TestClient({ plugins: [p, p] })).toThrow('Plugin "dup" is registered twice');
  });

  it("fail at construction when a dependency is missing or comes later, and apply nothing", () => {
    let applied = false;
    const needy = definePlugin({ name: "needy", dependencies: ["base"], setup: () => void (applied = true) });
    const base = definePlugin({ name: "base", setup: () => undefined });
    expect(() => new TestClient({ plugins: [needy] })).toThrow('Plugin "needy" depends on "base", which must be registered before it');
    expect(() => new TestClient({ plugins: [needy, base] })).toThrow(PluginError);
    expect(applied).toBe(false);
  });

  it("register extra resources, created on first access only", async () => {
    let created = 0;
    const extra = definePlugin<{ greetings: { hello(): string } }>({
      name: "greetings",
      setup: ({ addResource }) => addResource("greetings", () => (created++, { hello: () => "hi" })),
    });
    const Client = TestClient.with(extra);
    const client = new Client();
    expect(created).toBe(0);
    expect(client.greetings.hello()).toBe("hi");
    expect(client.greetings.hello()).toBe("hi");
    expect(created).toBe(1);
  });

  it("cannot shadow an existing member of the client", () => {
    const clash = definePlugin<{ pipeline: number }>({ name: "clash", setup: ({ addResource }) => addResource("pipeline", () => 1) });
    expect(() => new TestClient({ plugins: [clash] })).toThrow(/already has a member named "pipeline"/);
  });

  it("replace the fetcher, under every middleware", async () => {
    const seen: string[] = [];
    const fake = definePlugin({
      name: "fake-transport",
      setup: ({ setFetcher }) =>
        setFetcher(async (request) => {
          seen.push(`${request.method} ${request.url.pathname} ${request.headers.authorization}`);
          return { status: 200, statusText: "OK", headers: new Headers(), url: request.url.href, redirected: false, type: "default", body: { fake: true } };
        }),
    });
    const client = new TestClient({ plugins: [fake] });
    const { response } = await client.call();
    expect(response.body).toEqual({ fake: true });
    expect(seen).toEqual(["GET /api/v2/things Bearer test-token"]);
  });

  it("stack with .with(): presets first, then the plugins option, each class keeping its own list", () => {
    const order: string[] = [];
    const p = (name: string) => definePlugin({ name, setup: () => void order.push(name) });
    const One = TestClient.with(p("one"));
    const Two = One.with(p("two"));
    new Two({ plugins: [p("three")] });
    expect(order).toEqual(["one", "two", "three"]);
    order.length = 0;
    new One();
    expect(order).toEqual(["one"]);
    expect(new Two()).toBeInstanceOf(TestClient);
  });
});
