/**
 * `seaworthy serve harbor` options: HTTPS with the certificate `serve certs` makes
 * (the TLS options of `serve`), usage errors that name the option.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import https from 'node:https';
import { freePort } from '../support/local-registry.js';
import { repoRoot } from '../support/prerequisites.js';
import { spawn } from 'node:child_process';

const cli = (args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), ...args], { encoding: 'utf8' });

test('serve harbor over HTTPS with --tls-cert and --tls-key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-harbor-tls-'));
  try {
    assert.equal(cli(['serve', 'certs', '--service', 'harbor-adapter', '--namespace', 'ns', '--out', dir]).status, 0);
    const port = await freePort();
    const child = spawn(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'serve', 'harbor', '--listen', `127.0.0.1:${port}`, '--db', join(dir, 'no-db'), '--store', join(dir, 'store'), '--tls-cert', join(dir, 'tls.crt'), '--tls-key', join(dir, 'tls.key')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const ca = readFileSync(join(dir, 'ca.crt'), 'utf8');
      const get = (path: string) =>
        new Promise<{ status: number; type?: string; body: string; protocol?: string }>((resolve, reject) => {
          https
            .get({ host: '127.0.0.1', port, path, ca, agent: false, headers: { Accept: 'application/vnd.scanner.adapter.metadata+json; version=1.1' } }, (res) => {
              const protocol = (res.socket as import('node:tls').TLSSocket).getProtocol() ?? undefined;
              let body = '';
              res.on('data', (d: Buffer) => (body += d.toString()));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body, ...(protocol && { protocol }) }));
            })
            .on('error', reject);
        });
      let meta;
      for (let i = 0; i < 100 && !meta; i++) meta = await get('/api/v1/metadata').catch(() => new Promise((r) => setTimeout(r, 100)).then(() => undefined));
      assert.ok(meta, out);
      assert.equal(meta.status, 200);
      assert.match(meta.protocol ?? '', /^TLSv1\.[23]$/);
      assert.equal(JSON.parse(meta.body).properties['harbor.scanner-adapter/vulnerability-database-updated-at'], undefined, 'no database yet');
      const ready = await get('/readyz');
      assert.equal(ready.status, 503, 'not ready without an advisory database');
      assert.match(ready.body, /no advisory database/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    assert.match(out, /"event":"server.stopped"/, 'SIGTERM stops it cleanly');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors name the option', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--tls-cert', 'x.crt'], /--tls-cert and --tls-key go together/],
    [['--workers', '0'], /--workers must be a whole number/],
    [['--registry-tls-verify', 'maybe'], /--registry-tls-verify must be true or false/],
    [['--listen', 'nowhere'], /--listen must be HOST:PORT/],
    [['--api-token-file', '/nonexistent/token'], /cannot read --api-token-file/],
  ];
  for (const [args, message] of cases) {
    const r = cli(['serve', 'harbor', ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const help = cli(['serve', 'harbor', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /POST \/api\/v1\/scan/);
});
