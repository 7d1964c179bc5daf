/**
 * A recording front for a real registry on loopback: forwards every request to
 * the registry behind it (Debian's docker-registry) and records what arrived —
 * above all the Authorization header — so a test can tell which host ever saw a
 * credential. It can also send blob requests elsewhere with a redirect (blob
 * storage on another host) or hold them back (a slow or stalled registry).
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface FrontRequest {
  method: string;
  path: string;
  authorization?: string;
}

export interface RegistryFront {
  /** `127.0.0.1:port`, plain HTTP. */
  host: string;
  requests: FrontRequest[];
  /** Redirect blob GETs to this `host:port` (plain HTTP) instead of forwarding them. */
  redirectBlobsTo?: string;
  /** Hold each blob response back this long. */
  delayBlobsMs: number;
  stop(): Promise<void>;
}

export async function startRegistryFront(upstream: { host: string; ca?: string }): Promise<RegistryFront> {
  const front: Partial<RegistryFront> = { requests: [], delayBlobsMs: 0 };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    front.requests!.push({ method: req.method ?? '', path, ...(req.headers.authorization !== undefined && { authorization: req.headers.authorization }) });
    const blob = /\/blobs\/sha256:/.test(path);
    if (blob && front.redirectBlobsTo) {
      res.writeHead(307, { Location: `http://${front.redirectBlobsTo}${path}` });
      res.end();
      return;
    }
    const forward = (): void => {
      const headers = { ...req.headers, host: upstream.host };
      const out = (upstream.ca ? https : http).request(`${upstream.ca ? 'https' : 'http'}://${upstream.host}${path}`, { method: req.method, headers, ...(upstream.ca && { ca: upstream.ca }) }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      out.on('error', () => res.destroy());
      req.pipe(out);
    };
    if (blob && front.delayBlobsMs) {
      const t = setTimeout(forward, front.delayBlobsMs);
      res.on('close', () => clearTimeout(t));
    } else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  front.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return front as RegistryFront;
}
