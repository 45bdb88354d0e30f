import nock from "nock";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ClientContainer, createToken } from "../../src/core/container.js";
import { Tokens } from "../../src/core/tokens.js";
import { definePlugin } from "../../src/core/plugin.js";
import { ORIGIN, TestClient } from "../helpers/test-client.js";

afterEach(() => nock.cleanAll());

describe("the client container", () => {
  it("runs a registered factory once, on first resolve", () => {
    const container = new ClientContainer();
    const token = createToken<{ n: number }>("thing");
    const factory = vi.fn(() => ({ n: 1 }));
    container.register(token, factory);
    expect(factory).not.toHaveBeenCalled();
    const first = container.resolve(token);
    expect(container.resolve(token)).toBe(first);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it("gives each client its own child container, with options, logger, hooks, fetcher, token provider and pipeline", () => {
    const containers: ClientContainer[] = [];
    const spy = definePlugin({ name: "spy", setup: ({ container }) => void containers.push(container) });
    const a = new TestClient({ plugins: [spy] });
    const b = new TestClient({ plugins: [spy] });
    expect(containers[0]).not.toBe(containers[1]);
    for (const token of Object.values(Tokens)) expect(containers[0]!.isRegistered(token)).toBe(true);
    expect(containers[0]!.resolve(Tokens.pipeline)).toBe(a.pipeline);
    expect(containers[1]!.resolve(Tokens.pipeline)).toBe(b.pipeline);
    expect(containers[0]!.resolve(Tokens.hooks)).toBe(a.lifecycle);
    expect(containers[0]!.resolve(Tokens.options).baseUrl).toBe(`${ORIGIN}/api/v2`);
  });

  it("resolves everything at construction, never per request", async () => {
    let container: ClientContainer | undefined;
    const client = new TestClient({ plugins: [definePlugin({ name: "grab", setup: (context) => void (container = context.container) })] });
    const resolve = vi.spyOn(container!, "resolve");
    nock(ORIGIN).get("/api/v2/things").times(3).reply(200, {});
    await client.call();
    await client.call();
    await client.call();
    expect(resolve).not.toHaveBeenCalled();
  });
});
