import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { Agent } from "undici";

/** A canned answer: status, body (JSON object or text) and headers. */
export interface OriginReply {
  readonly status: number;
  readonly body: string | Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** A request exactly as it reached the server. */
export interface WireRequest {
  readonly method: string;
  /** The origin it was meant for (scheme from the client's connection, host from its Host header). */
  readonly host: string;
  /** Path and query as sent. */
  readonly path: string;
  /** Lower-case names (a repeated header joined), as Node's server exposes them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Every header line in wire order, `[name, value, name, value, …]`, names as sent. */
  readonly rawHeaders: readonly string[];
  /** The raw body as text ("" when there is none). */
  readonly body: string;
}

export type OriginHandler = (request: WireRequest, response: ServerResponse) => OriginReply | void | Promise<OriginReply | void>;

/**
 * A real HTTP server on 127.0.0.1 that stands in for any origin: `dispatcher` is an undici `Agent` whose every
 * connection — to `https://tenant.example.com`, `https://mtls.tenant.example.com`, anything — is a plain TCP socket
 * to this server, the Host header still naming the origin asked for. Tests that recorded requests with nock (which
 * sees `fetch` and `http`, not undici's dispatcher) record them here, byte for byte, for the undici transport.
 */
export async function startRecordingOrigin(): Promise<{
  /** `http://127.0.0.1:<port>`: to reach the server directly (any transport). */
  readonly origin: string;
  /** Connects every origin to this server. */
  readonly dispatcher: Agent;
  readonly requests: WireRequest[];
  /** Answer with `handler` from now on (the default answers 404). */
  handle(handler: OriginHandler): void;
  /** Sockets opened to the server so far. */
  connections(): number;
  close(): Promise<void>;
}> {
  const requests: WireRequest[] = [];
  let handler: OriginHandler = () => ({ status: 404, body: { error: "no handler" }, headers: { "content-type": "application/json" } });
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: WireRequest = {
      method: req.method ?? "",
      host: String(req.headers.host ?? ""),
      path: req.url ?? "",
      headers: { ...req.headers },
      rawHeaders: [...req.rawHeaders],
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(request);
    const reply = await handler(request, res);
    if (reply === undefined || res.headersSent) return;
    const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, reply.headers).end(text);
  });
  let connections = 0;
  server.on("connection", () => void (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const dispatcher = new Agent({
    connect: (_options, callback) => {
      const socket: Socket = connect(port, "127.0.0.1");
      socket.once("connect", () => callback(null, socket)).once("error", (error) => callback(error, null));
    },
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    dispatcher,
    requests,
    handle: (next) => void (handler = next),
    connections: () => connections,
    close: async () => {
      await dispatcher.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
