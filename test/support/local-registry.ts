/**
 * A real registry for tests: Debian's `docker-registry` on 127.0.0.1 with a temp
 * config and storage, plain, or with TLS (a self-signed certificate made with
 * openssl) and htpasswd auth (bcrypt entry from `htpasswd -B`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import https from 'node:https';
import { run } from './image-builds.js';

export interface LocalRegistry {
  host: string;
  /** For TLS registries: a directory with the CA as `ca.crt` (skopeo's and our --cert-dir). */
  certDir?: string;
  /** For auth registries: an auth.json with the test user's credentials. */
  authfile?: string;
  user?: string;
  password?: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startRegistry(options: { tls?: boolean; auth?: boolean } = {}): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const lines = ['version: 0.1', 'log:', '  level: error', 'storage:', '  filesystem:', `    rootdirectory: ${join(dir, 'data')}`, 'http:', `  addr: ${host}`];
  const out: Partial<LocalRegistry> = { host };
  if (options.tls) {
    const certDir = join(dir, 'certs');
    mkdirSync(certDir);
    run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    copyFileSync(join(dir, 'cert.pem'), join(certDir, 'ca.crt'));
    lines.push('  tls:', `    certificate: ${join(dir, 'cert.pem')}`, `    key: ${join(dir, 'key.pem')}`);
    out.certDir = certDir;
  }
  if (options.auth) {
    const user = 'tester';
    const password = 'pw-' + Math.random().toString(36).slice(2);
    writeFileSync(join(dir, 'htpasswd'), run('htpasswd', ['-Bbn', user, password]));
    lines.push('auth:', '  htpasswd:', '    realm: seaworthy-test', `    path: ${join(dir, 'htpasswd')}`);
    const authfile = join(dir, 'auth.json');
    writeFileSync(authfile, JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } } }));
    Object.assign(out, { user, password, authfile });
  }
  writeFileSync(join(dir, 'config.yml'), lines.join('\n') + '\n');
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  await waitReady(host, !!options.tls, () => stderr);
  out.stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return out as LocalRegistry;
}

async function waitReady(host: string, tls: boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = (tls ? https : http).get(`${tls ? 'https' : 'http'}://${host}/v2/`, { rejectUnauthorized: false, timeout: 1000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`docker-registry on ${host} did not start: ${log()}`);
}
