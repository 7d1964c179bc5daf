import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';
import { makeServingCerts } from '../../src/servers/serving-certs.js';
import { call } from '../servers/https-client.js';

const bin = join(repoRoot, 'bin/seaworthy.js');

test('serve: usage mistakes and a broken configuration stop it with exit code 2 and a clear line', async () => {
  const noTls = spawnSync(process.execPath, [bin, 'serve'], { encoding: 'utf8' });
  assert.equal(noTls.status, 2);
  assert.match(noTls.stderr, /serve needs --tls-cert and --tls-key/);
  const badListen = spawnSync(process.execPath, [bin, 'serve', '--listen', 'nowhere', '--tls-cert', 'a', '--tls-key', 'b'], { encoding: 'utf8' });
  assert.equal(badListen.status, 2);
  assert.match(badListen.stderr, /--listen must be HOST:PORT/);
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-serve-cli-'));
  writeFileSync(join(dir, 'bad.yaml'), 'admission:\n  enforceOn: sometimes\n');
  const badConfig = spawnSync(process.execPath, [bin, 'serve', '--tls-cert', 'a', '--tls-key', 'b', '--config', join(dir, 'bad.yaml')], { encoding: 'utf8' });
  assert.equal(badConfig.status, 2);
  assert.match(badConfig.stderr, /bad\.yaml:2:14: admission\.enforceOn must be one of/);
});

test('serve answers over HTTPS and exits 0 on SIGTERM after draining', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-serve-cli-'));
  const certs = await makeServingCerts({ service: 'seaworthy', namespace: 'test' });
  writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
  writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
  const child = spawn(process.execPath, [bin, 'serve', '--listen', '127.0.0.1:0', '--tls-cert', join(dir, 'tls.crt'), '--tls-key', join(dir, 'tls.key')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout.on('data', (c: Buffer) => {
    buffered += c.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const p of parts) lines.push(JSON.parse(p) as Record<string, unknown>);
  });
  const end = Date.now() + 15_000;
  while (!lines.some((l) => l['event'] === 'server.listening')) {
    assert.ok(Date.now() < end && child.exitCode === null, 'serve started');
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = lines.find((l) => l['event'] === 'server.listening')!['port'] as number;
  assert.equal((await call(port, '/healthz', { ca: certs.caCert })).status, 200);
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.deepEqual(lines.map((l) => l['event']).slice(-3), ['serve.signal', 'server.draining', 'server.stopped']);
});
