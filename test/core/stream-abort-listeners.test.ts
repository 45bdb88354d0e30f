import { getEventListeners } from "node:events";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManagementClient } from "../../src/management/management-client.js";
import { startLoopbackServer } from "../helpers/loopback-server.js";

type Server = Awaited<ReturnType<typeof startLoopbackServer>>;
let server: Server;
const warnings: Error[] = [];
const onWarning = (warning: Error): void => void warnings.push(warning);

beforeAll(async () => {
  server = await startLoopbackServer();
  process.on("warning", onWarning);
});
beforeEach(() =>
  server.handle((_request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => i) }));
  }),
);
afterAll(async () => {
  process.off("warning", onWarning);
  await server.close();
});
afterEach(() => void (warnings.length = 0));

const listeners = (signal: AbortSignal): number => getEventListeners(signal, "abort").length;
/** Warnings are emitted on the next tick: give them one before looking. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(`"No abort listener outlives its call": abort listeners on streamed responses (management.fetch)`, () => {
  for (const timeoutInSeconds of [60, 0]) {
    describe(`with timeoutInSeconds ${timeoutInSeconds}`, () => {
      const client = () => new ManagementClient({ domain: server.domain, token: "t", maxRetries: 0, timeoutInSeconds });

      it("are removed once the body is read: 20 calls sharing one signal leave no listener and no MaxListenersExceededWarning", async () => {
        const controller = new AbortController();
        const management = client();
        for (let i = 0; i < 20; i++) {
          const response = await management.fetch("/users", undefined, { abortSignal: controller.signal });
          expect(await response.json()).toMatchObject({ items: expect.any(Array) });
        }
        await settle();
        expect(listeners(controller.signal)).toBe(0);
        expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
      });

      it("are removed for JSON calls too (the transport never holds the caller's own signal)", async () => {
        const controller = new AbortController();
        const management = client();
        for (let i = 0; i < 20; i++) await management.users.list({}, { abortSignal: controller.signal });
        await settle();
        expect(listeners(controller.signal)).toBe(0);
      });

      it("are removed when the body is cancelled", async () => {
        const controller = new AbortController();
        const management = client();
        for (let i = 0; i < 20; i++) {
          const response = await management.fetch("/users", undefined, { abortSignal: controller.signal });
          await response.body!.cancel();
        }
        await settle();
        expect(listeners(controller.signal)).toBe(0);
        expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
      });

      it("are removed when reading the body fails, and the abort still ends a body being read", async () => {
        server.handle((_request, response) => {
          response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
          response.write('{"partial":');
          setImmediate(() => response.destroy());
        });
        const controller = new AbortController();
        const management = client();
        for (let i = 0; i < 5; i++) {
          const response = await management.fetch("/users", undefined, { abortSignal: controller.signal });
          await expect(response.text()).rejects.toThrow();
        }
        await settle();
        expect(listeners(controller.signal)).toBe(0);

        server.handle((_request, response) => {
          response.writeHead(200, { "content-type": "text/plain" });
          response.write("first chunk");
        });
        const response = await management.fetch("/users", undefined, { abortSignal: controller.signal });
        const reader = response.body!.getReader();
        await reader.read();
        const pending = reader.read();
        controller.abort();
        await expect(pending).rejects.toThrow();
      });
    });
  }
});
