import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

/** What the proxy was asked: a tunnel (`CONNECT host:port`) or a request in absolute form, forwarded. */
export interface ProxiedRequest {
  readonly kind: "connect" | "forward";
  /** `host:port` for a tunnel, the absolute URL for a forwarded request. */
  readonly target: string;
  readonly method: string;
  /** The `Proxy-Authorization` header as received. */
  readonly proxyAuthorization: string | undefined;
}

/**
 * A small HTTP proxy on 127.0.0.1 for tests: `CONNECT` tunnels and plain-HTTP forwarding, recording each request.
 * With `credentials` ("user:password") it answers 407 to anything without the matching Basic `Proxy-Authorization`.
 * It forwards only to 127.0.0.1, so a test can never reach past loopback through it.
 */
export async function startProxyServer(options: { credentials?: string } = {}): Promise<{
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly seen: ProxiedRequest[];
  close(): Promise<void>;
}> {
  const seen: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const expected = options.credentials === undefined ? undefined : `Basic ${Buffer.from(options.credentials).toString("base64")}`;
  const allowed = (request: IncomingMessage) => expected === undefined || request.headers["proxy-authorization"] === expected;

  const server = createServer((request, response) => {
    const target = request.url ?? "";
    seen.push({ kind: "forward", target, method: request.method ?? "", proxyAuthorization: request.headers["proxy-authorization"] });
    if (!allowed(request)) return void response.writeHead(407, { "proxy-authenticate": 'Basic realm="test"' }).end();
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return void response.writeHead(400).end("absolute-form requests only");
    }
    if (url.hostname !== "127.0.0.1") return void response.writeHead(403).end("loopback only");
    const { "proxy-authorization": _credentials, "proxy-connection": _connection, ...headers } = request.headers;
    const upstream = httpRequest({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });

  server.on("connect", (request: IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? "";
    seen.push({ kind: "connect", target, method: "CONNECT", proxyAuthorization: request.headers["proxy-authorization"] });
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    if (!allowed(request)) return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="test"\r\ncontent-length: 0\r\n\r\n');
    const [host, port] = [target.slice(0, target.lastIndexOf(":")), Number(target.slice(target.lastIndexOf(":") + 1))];
    if (host !== "127.0.0.1") return void client.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n");
    const upstream = connect(port, host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => (sockets.delete(upstream), client.destroy()));
    upstream.on("error", () => client.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
