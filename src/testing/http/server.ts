import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** An HTTP server on loopback that can be shut down completely: every socket closed, keep-alive ones included. */
export interface LoopbackServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function listenOnLoopback(
  host: string,
  port: number,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<LoopbackServer> {
  const server: Server = createServer(listener);
  // Tests open connections in bursts; Node's defaults would close idle keep-alive sockets while a client reuses them.
  server.keepAliveTimeout = 30_000;
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
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
