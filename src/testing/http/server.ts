import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** An HTTP server on loopback that can be shut down completely: every socket closed, keep-alive ones included. */
export interface LoopbackServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `keepProcessAlive: false` unrefs the listening socket and every accepted connection, so they never keep Node's event
 * loop running by themselves: a script that forgets `close()` still exits when its own work is done. A request in
 * flight keeps it running anyway, through the client's side of the connection (its socket is ref'd while a request
 * waits, in undici and in node:http alike) or the client's own timers.
 */
export async function listenOnLoopback(
  host: string,
  port: number,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  { keepProcessAlive = false }: { readonly keepProcessAlive?: boolean } = {},
): Promise<LoopbackServer> {
  const server: Server = createServer(listener);
  // Tests open connections in bursts; Node's defaults would close idle keep-alive sockets while a client reuses them.
  server.keepAliveTimeout = 30_000;
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    if (!keepProcessAlive) socket.unref();
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  if (!keepProcessAlive) server.unref();
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("mock tenant: server has no TCP address");

  let closing: Promise<void> | undefined;
  return {
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
