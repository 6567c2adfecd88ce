import net from 'node:net';

export type TcpProxy = {
  port: number;
  /** Like a stopped server: open connections are reset and new ones refused. */
  stop(): Promise<void>;
  /** Accepts connections again and forwards them. */
  start(): Promise<void>;
  close(): Promise<void>;
};

/**
 * A TCP forwarder on 127.0.0.1 in front of a real server (PostgreSQL here), so a test can take
 * the database away from the app and give it back without touching the shared server.
 */
export async function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let boundPort = port;

  async function listen(): Promise<void> {
    server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(boundPort, '127.0.0.1', () => resolve());
    });
    boundPort = (server!.address() as net.AddressInfo).port;
  }

  async function stop(): Promise<void> {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  }

  await listen();
  return {
    port: boundPort,
    stop,
    start: async () => {
      if (!server) await listen();
    },
    close: stop,
  };
}
