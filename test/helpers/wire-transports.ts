import nock from "nock";
import type { Plugin } from "../../src/core/plugin.js";
import { undiciFetcher } from "../../plugins/undici/index.js";
import { startRecordingOrigin } from "./recording-origin.js";
import { serve as serveWithNock, type Recorded, type Reply } from "./serve-recorded.js";

/**
 * A transport the wire tests run over, with the responder that records what it sends: the default transport (ky over
 * fetch) against nock, and `auth0/plugins/undici` against a real loopback server — nock does not see undici's
 * dispatcher, which opens its own sockets. The same cases and the same expectations run over each, so both put the
 * same request on the wire.
 */
export interface WireTransport {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** What a client needs in its options to use this transport. */
  plugins(): Plugin[];
  /**
   * Answer every request to `origin` with `reply` (or the replies in turn, the last one repeated), recording each;
   * `onReply` is told as each answer goes out. Forgets earlier answers and records.
   */
  serve(origin: string, reply: Reply | readonly [Reply, ...Reply[]], onReply?: () => void): Recorded[];
  /** Forget the answers and records. */
  reset(): void;
}

export const fetchOverNock: WireTransport = {
  name: "the default transport (fetch)",
  start: async () => undefined,
  stop: async () => undefined,
  plugins: () => [],
  serve: serveWithNock,
  reset: () => void nock.cleanAll(),
};

/** A fresh undici transport (its own loopback server; start it before use). */
export function undiciOverLoopback(): WireTransport {
  let server: Awaited<ReturnType<typeof startRecordingOrigin>> | undefined;
  const running = () => {
    if (server === undefined) throw new Error("start() the undici wire transport first");
    return server;
  };
  return {
    name: "auth0/plugins/undici",
    start: async () => void (server ??= await startRecordingOrigin()),
    stop: async () => {
      await server?.close();
      server = undefined;
    },
    plugins: () => [undiciFetcher({ dispatcher: running().dispatcher })],
    serve(origin, reply, onReply) {
      const replies: readonly Reply[] = Array.isArray(reply) ? reply : [reply as Reply];
      const host = new URL(origin).host;
      const recorded: Recorded[] = [];
      const { requests } = running();
      requests.length = 0;
      running().handle((request) => {
        if (request.host !== host) return { status: 421, body: { error: `not ${host}` }, headers: { "content-type": "application/json" } };
        recorded.push({ method: request.method, path: request.path, headers: request.headers, body: request.body });
        const answer = replies[Math.min(recorded.length, replies.length) - 1]!;
        onReply?.();
        return answer;
      });
      return recorded;
    },
    reset: () => {
      const current = server;
      if (current === undefined) return;
      current.requests.length = 0;
      current.handle(() => ({ status: 404, body: { error: "no answer set" }, headers: { "content-type": "application/json" } }));
    },
  };
}

/** Every transport, fresh: one list per test file. */
export function wireTransports(): WireTransport[] {
  return [fetchOverNock, undiciOverLoopback()];
}
