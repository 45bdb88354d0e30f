import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { TimerRegistry } from "../internal/timers.js";
import type { EncodedReply } from "./reply.js";

/** Ways to put an encoded reply on the wire: whole, trickled, cut short, or not at all (connection reset). */

export function deliver(response: ServerResponse, reply: EncodedReply): void {
  response.writeHead(reply.status, reply.headers);
  response.end(reply.payload);
}

/** Headers at once, then the body a few bytes at a time. Stops quietly if the client goes away. */
export async function deliverSlowly(
  response: ServerResponse,
  reply: EncodedReply,
  chunkDelayMs: number,
  chunkSize: number,
  timers: TimerRegistry,
): Promise<void> {
  response.writeHead(reply.status, reply.headers);
  response.flushHeaders();
  const size = Math.max(1, Math.floor(chunkSize));
  for (let offset = 0; offset < reply.payload.length; offset += size) {
    await timers.sleep(chunkDelayMs);
    if (response.destroyed) return;
    response.write(reply.payload.subarray(offset, offset + size));
  }
  response.end();
}

/** Announces the full content-length, writes only `sendBytes`, then closes: the client sees a body cut short. */
export function deliverTruncated(response: ServerResponse, reply: EncodedReply, sendBytes: number | undefined): void {
  const keep = Math.min(
    Math.max(0, sendBytes ?? Math.floor(reply.payload.length / 2)),
    Math.max(0, reply.payload.length - 1),
  );
  response.writeHead(reply.status, reply.headers);
  response.flushHeaders();
  response.write(reply.payload.subarray(0, keep), () => response.socket?.destroy());
}

/** A TCP reset (RST), which clients report as ECONNRESET. */
export function resetConnection(socket: Socket | null): void {
  if (!socket || socket.destroyed) return;
  socket.resetAndDestroy();
}
