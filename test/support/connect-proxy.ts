/**
 * An HTTP CONNECT proxy on loopback (what `proxy-url` and HTTPS_PROXY point kubectl at):
 * it opens a TCP tunnel to the asked host and counts the tunnels, so a test can see
 * that the client went through it. It sees only TLS bytes.
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';

export interface ConnectProxy {
  url: string;
  /** `host:port` of every tunnel asked for. */
  tunnels: string[];
  stop(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
  server.on('connect', (req, client, head) => {
    const target = req.url ?? '';
    tunnels.push(target);
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    const upstream = connect(port, host.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    tunnels,
    stop: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
