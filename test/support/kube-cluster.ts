/**
 * A real Kubernetes control plane for end-to-end tests: etcd and kube-apiserver, built
 * from the Go module proxy by test/tools/kube/build.sh into a cache outside the repo,
 * started on loopback with a static admin token. No kubelet, no controllers: objects are
 * admitted and stored, which is all an admission test needs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeBinDir } from './go-tools.js';

export { kubeBinDir, kubeBinariesPresent } from './go-tools.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ApiAnswer {
  status: number;
  body: any;
  /** The API server's Warning headers (admission warnings among them), decoded. */
  warnings: string[];
}

export interface KubeCluster {
  url: string;
  /** PEM of the API server's (self-signed) serving certificate. */
  ca: Buffer;
  adminToken: string;
  /** A token of the user `seaworthy`, who has no rights until a binding gives them. */
  seaworthyToken: string;
  tokenFile(token: string): string;
  call(method: string, path: string, body?: unknown, token?: string): Promise<ApiAnswer>;
  stop(): Promise<void>;
  dir: string;
  /** etcd's client URL (plain http on loopback): tests compact it to expire continue tokens. */
  etcdUrl: string;
}

/**
 * Starts etcd and kube-apiserver on free loopback ports; resolves once /readyz answers.
 *
 * @example
 * const cluster = await startKubeCluster();
 * await cluster.call('POST', '/api/v1/namespaces', { metadata: { name: 'team' } });
 */
export async function startKubeCluster(options: { apiServerArgs?: readonly string[] } = {}): Promise<KubeCluster> {
  const bin = kubeBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-kube-'));
  const [etcdPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const procs: ChildProcess[] = [];
  const logs: string[] = [];
  const track = (name: string, child: ChildProcess): ChildProcess => {
    procs.push(child);
    const keep = (chunk: Buffer) => {
      logs.push(`[${name}] ${chunk.toString('utf8')}`);
      if (logs.length > 400) logs.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  };
  const etcdUrl = `http://127.0.0.1:${etcdPort}`;
  track(
    'etcd',
    spawn(join(bin, 'etcd'), [
      '--name=seaworthy-test',
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
      `--initial-cluster=seaworthy-test=http://127.0.0.1:${peerPort}`,
      '--quota-backend-bytes=268435456',
      '--log-level=warn',
    ]),
  );
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'sec1', format: 'pem' }));
  writeFileSync(join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  const adminToken = `admin-${Math.random().toString(36).slice(2)}`;
  const seaworthyToken = `seaworthy-${Math.random().toString(36).slice(2)}`;
  writeFileSync(join(dir, 'tokens.csv'), `${adminToken},admin,admin-uid,system:masters\n${seaworthyToken},seaworthy,seaworthy-uid\n`);
  const certDir = join(dir, 'pki');
  track(
    'kube-apiserver',
    spawn(join(bin, 'kube-apiserver'), [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${certDir}`,
      `--token-auth-file=${join(dir, 'tokens.csv')}`,
      '--authorization-mode=RBAC',
      '--anonymous-auth=false',
      `--service-account-key-file=${join(dir, 'sa.pub')}`,
      `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      // A flag value (the range Services would get), not an address anything is sent to.
      '--service-cluster-ip-range=10.96.0.0/24',
      // The built-in Pod Security plugin would refuse by namespace label before any webhook
      // is asked; off, so the tests see seaworthy's own Pod Security decision.
      '--disable-admission-plugins=PodSecurity',
      // The `kubernetes` Service's endpoints may not be a loopback address; nothing here needs them.
      '--endpoint-reconciler-type=none',
      // Privileged pods must reach admission for seaworthy to refuse them.
      '--allow-privileged=true',
      '--v=0',
      ...(options.apiServerArgs ?? []),
    ]),
  );
  const url = `https://127.0.0.1:${apiPort}`;
  const stop = async (): Promise<void> => {
    for (const p of procs.reverse()) {
      if (p.exitCode !== null) continue;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (p.exitCode === null) p.kill('SIGKILL');
    }
  };
  let ca: Buffer | undefined;
  const call = (method: string, path: string, body?: unknown, token = adminToken): Promise<ApiAnswer> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        `${url}${path}`,
        {
          method,
          ca: ca!,
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(payload && { 'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' }) },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* plain text (readyz) */
            }
            const raw = res.headers['warning'];
            const warnings = (Array.isArray(raw) ? raw : raw ? raw.split(/,(?=\s*299 )/) : []).map((w) => /^\s*299\s+\S+\s+"((?:[^"\\]|\\.)*)"/.exec(w)?.[1]?.replace(/\\(.)/g, '$1') ?? w);
            resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  const deadline = Date.now() + 180_000;
  for (;;) {
    const exited = procs.find((p) => p.exitCode !== null);
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`the control plane did not come up:\n${logs.slice(-40).join('')}`);
    }
    const certFile = join(certDir, 'apiserver.crt');
    if (!ca && existsSync(certFile)) ca = readFileSync(certFile);
    if (ca) {
      const ready = await call('GET', '/readyz').catch(() => undefined);
      if (ready?.status === 200) break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const tokenFile = (token: string): string => {
    const file = join(dir, `token-${token.slice(0, 8)}`);
    writeFileSync(file, token);
    return file;
  };
  return { url, ca: ca!, adminToken, seaworthyToken, tokenFile, call, stop, dir, etcdUrl };
}
