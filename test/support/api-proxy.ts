/**
 * A small HTTPS reverse proxy in front of the real API server, for the ways a busy API
 * server answers: 429 with Retry-After (API Priority and Fairness throttling), and a
 * hook before a `continue` request (to compact etcd so the token has expired). Every
 * request is recorded with its time and the status the client got.
 */
import { createServer, request, type Server } from 'node:https';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeServingCerts } from '../../src/servers/serving-certs.js';
import type { KubeCluster } from './kube-cluster.js';

export interface ProxiedRequest {
  path: string;
  at: number;
  status: number;
}

export interface ProxyBehaviour {
  /** Answer 429 to this request (`n` counts every request, from 1)? */
  throttle?: (path: string, n: number) => boolean;
  /** Retry-After seconds sent with a 429. */
  retryAfter?: number;
  /** Runs before a request whose query has `continue` is forwarded; once. */
  beforeContinue?: () => Promise<void>;
}

export interface ApiProxy {
  url: string;
  /** PEM file of the CA that signed the proxy's certificate. */
  caFile: string;
  requests: ProxiedRequest[];
  behaviour: ProxyBehaviour;
  stop(): Promise<void>;
}

export async function startApiProxy(cluster: KubeCluster, behaviour: ProxyBehaviour = {}): Promise<ApiProxy> {
  const certs = await makeServingCerts({ service: 'api-proxy', namespace: 'test' });
  const caFile = join(cluster.dir, `proxy-ca-${Math.random().toString(36).slice(2, 8)}.crt`);
  writeFileSync(caFile, certs.caCert);
  const requests: ProxiedRequest[] = [];
  const state: ApiProxy = { url: '', caFile, requests, behaviour, stop: async () => {} };
  let hookRan = false;
  const upstream = new URL(cluster.url);
  const server: Server = createServer({ cert: certs.tlsCert, key: certs.tlsKey }, async (req, res) => {
    const path = req.url ?? '/';
    const n = requests.length + 1;
    const record: ProxiedRequest = { path, at: Date.now(), status: 0 };
    requests.push(record);
    const b = state.behaviour;
    if (b.throttle?.(path, n)) {
      record.status = 429;
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(b.retryAfter ?? 1) });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'TooManyRequests', message: 'too many requests, please try again later', code: 429 }));
      return;
    }
    if (b.beforeContinue && !hookRan && new URL(path, 'https://x').searchParams.has('continue')) {
      hookRan = true;
      await b.beforeContinue();
    }
    const out = request(
      { hostname: upstream.hostname, port: upstream.port, path, method: req.method, headers: { ...req.headers, host: upstream.host }, ca: cluster.ca },
      (up) => {
        record.status = up.statusCode ?? 0;
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', (e) => {
      record.status = 502;
      res.writeHead(502).end(e.message);
    });
    req.pipe(out);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  state.url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  state.stop = () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); });
  return state;
}
