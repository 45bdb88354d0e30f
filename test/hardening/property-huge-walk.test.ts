import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManagementClient } from "auth0";
import { countUnhandledRejections } from "./support.js";

/**
 * A huge list: 200 pages of about 1 MB each, streamed by a raw server in small chunks, walked with `for await`. The
 * walk holds one page at a time, so the heap stays flat however long the list is.
 */

countUnhandledRejections();

const PAGES = 200;
const PER_PAGE = 50;
const BLOB = "x".repeat(20_000);

let server: Server;
let domain = "";
let requests = 0;
beforeAll(async () => {
  // Only loopback is reached here; nock's fetch interception would cost more than the walk itself.
  nock.restore();
  server = createServer((req, res) => {
    requests++;
    const page = Number(new URL(req.url ?? "/", "http://x").searchParams.get("page") ?? 0);
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"users":[');
    for (let i = 0; i < PER_PAGE; i++) {
      res.write(`${i === 0 ? "" : ","}{"user_id":"auth0|${page}-${i}","email":"u${page}-${i}@example.com","user_metadata":{"blob":"${BLOB}"}}`);
    }
    res.end(`],"start":${page * PER_PAGE},"limit":${PER_PAGE},"length":${PER_PAGE},"total":${PAGES * PER_PAGE}}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  nock.activate();
});

/** A real collection, so what is measured is what the walk keeps, not garbage not yet collected. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

describe("a paginated walk over a huge list", () => {
  it("walks 200 pages of ~1 MB with for await, heap growth bounded (< 100 MB)", async () => {
    const gc = collector();
    const client = new ManagementClient({ domain, token: "t" });
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let retained = 0;
    let items = 0;
    let bytes = 0;
    const started = performance.now();
    for await (const user of await client.users.list({ per_page: PER_PAGE })) {
      items++;
      bytes += (user.user_metadata as { blob: string }).blob.length;
      if (items % PER_PAGE === 0) {
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        if (items % (PER_PAGE * 20) === 0) {
          gc();
          retained = Math.max(retained, process.memoryUsage().heapUsed - baseline);
        }
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const mb = (value: number): string => `${(value / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `huge walk: ${items} items, ${requests} requests, ${mb(bytes)} of payload in ${seconds.toFixed(1)} s; heap growth: peak ${mb(peak)}, after GC at most ${mb(retained)}`,
    );
    expect(items).toBe(PAGES * PER_PAGE);
    expect(requests).toBe(PAGES);
    expect(bytes).toBe(PAGES * PER_PAGE * BLOB.length);
    expect(retained).toBeLessThan(100 * 1024 * 1024);
    expect(peak).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);
});
