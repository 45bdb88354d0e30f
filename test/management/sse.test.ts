import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ManagementClient } from "../../src/management/management-client.js";
import { eventually } from "../helpers/eventually.js";
import { startLoopbackServer } from "../helpers/loopback-server.js";

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => void (server = await startLoopbackServer()));
afterAll(() => server.close());

describe("events.subscribe (server-sent events)", () => {
  it("yields each event parsed, as an async iterable, asking for text/event-stream with the query", async () => {
    server.handle((req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(': keep-alive\n\n');
      res.write('id: 1\nevent: user.created\ndata: {"type":"user.created","data":{"id":"u1"}}\n\n');
      res.write('data: {"type":"user.deleted",\ndata: "data":{"id":"u2"}}\n\n');
      res.end();
    });
    const client = new ManagementClient({ domain: server.domain, token: "t" });
    const stream = await client.events.subscribe({ event_type: ["user.created", "user.deleted"] });
    const events: unknown[] = [];
    for await (const event of stream) events.push(event);
    expect(events).toEqual([
      { type: "user.created", data: { id: "u1" } },
      { type: "user.deleted", data: { id: "u2" } },
    ]);
    const request = server.requests.at(-1)!;
    expect(request.url).toBe("/api/v2/events?event_type=user.created&event_type=user.deleted");
    expect(request.headers.accept).toBe("text/event-stream");
  });

  it("takes each event's type from its SSE event: field, as v5 does, unless the data has its own or is not an object", async () => {
    server.handle((req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write('id: 1\nevent: user.created\ndata: {"data":{"id":"u1"}}\n\n');
      res.write('event: user.deleted \ndata: {"type":"its.own","data":{"id":"u2"}}\n\n');
      res.write('data: {"data":{"id":"u3"}}\n\n');
      res.write('event: list\ndata: [1,2]\n\n');
      res.write('event: text\ndata: "plain"\n\n');
      res.write("event: user.updated\r\ndata: {\"id\":\"u4\"}\r\n\r\n");
      res.end();
    });
    const client = new ManagementClient({ domain: server.domain, token: "t" });
    const events: unknown[] = [];
    for await (const event of await client.events.subscribe()) events.push(event);
    expect(events).toEqual([
      { type: "user.created", data: { id: "u1" } },
      { type: "its.own", data: { id: "u2" } },
      { data: { id: "u3" } },
      [1, 2],
      "plain",
      { type: "user.updated", id: "u4" },
    ]);
    // The type comes first, as v5 puts it.
    expect(Object.keys(events[0] as object)).toEqual(["type", "data"]);
    expect(server.requests.at(-1)!.url).toBe("/api/v2/events");
  });

  it("stays open past the per-attempt timeout once it started, and stops cleanly on abort", async () => {
    let closed = false;
    server.handle((req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      let n = 0;
      const timer = setInterval(() => res.write(`data: {"n":${++n}}\n\n`), 30);
      req.socket.on("close", () => {
        closed = true;
        clearInterval(timer);
      });
    });
    const controller = new AbortController();
    const client = new ManagementClient({ domain: server.domain, token: "t", timeoutInSeconds: 0.05 });
    const seen: number[] = [];
    // The budget's timer runs on a clock the test moves (the server's interval stays real): the first byte may take
    // as long as a loaded machine needs, and once the stream started the clock jumps far past the 50 ms budget.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const stream = await client.events.subscribe({}, { abortSignal: controller.signal });
      for await (const event of stream as AsyncIterable<{ n: number }>) {
        seen.push(event.n);
        if (seen.length === 1) await vi.advanceTimersByTimeAsync(10_000);
        if (seen.length === 4) controller.abort();
      }
    } finally {
      vi.useRealTimers();
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    await eventually(() => expect(closed).toBe(true)); // the server sees the close when it arrives
  });

  it("closes the connection when the loop breaks early", async () => {
    let closed = false;
    server.handle((req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const timer = setInterval(() => res.write('data: {"x":1}\n\n'), 20);
      req.socket.on("close", () => ((closed = true), clearInterval(timer)));
    });
    const stream = await new ManagementClient({ domain: server.domain, token: "t" }).events.subscribe();
    for await (const _event of stream) break;
    await eventually(() => expect(closed).toBe(true)); // the server sees the close when it arrives
  });
});
