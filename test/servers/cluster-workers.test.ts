import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { parseWorkers } from '../../src/servers/cluster-workers.js';
import { makeServingCerts } from '../../src/servers/serving-certs.js';
import { repoRoot } from '../support/prerequisites.js';
import { privilegedPod, review } from '../admission/reviews.js';
import { call } from './https-client.js';

const bin = join(repoRoot, 'bin/seaworthy.js');
type Proc = ChildProcessByStdio<null, Readable, Readable>;

async function certsDir(): Promise<{ dir: string; ca: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-workers-'));
  const certs = await makeServingCerts({ service: 'seaworthy', namespace: 'test' });
  writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
  writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
  return { dir, ca: certs.caCert };
}

/** JSON log lines of a child, as they come. */
function logLines(child: Proc): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout.on('data', (c: Buffer) => {
    buffered += c.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const p of parts) lines.push(JSON.parse(p) as Record<string, unknown>);
  });
  return lines;
}

async function until(what: string, ok: () => boolean, child: Proc, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    assert.ok(child.exitCode === null, `exited (${child.exitCode}) before: ${what}`);
    assert.ok(Date.now() < end, `timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('--workers takes a whole number or auto', () => {
  assert.equal(parseWorkers('3'), 3);
  assert.ok(parseWorkers('auto')! >= 1);
  for (const bad of ['0', '-1', '1.5', 'two', '', '257']) assert.equal(parseWorkers(bad), undefined, bad);
  const r = spawnSync(process.execPath, [bin, 'serve', '--workers', 'many', '--tls-cert', 'a', '--tls-key', 'b'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--workers must be a whole number from 1 to 256 or auto; found "many"/);
});

test('serve --workers 2: both workers answer on one port, /metrics sums them, SIGTERM drains each and exits 0', async (t) => {
  const { dir, ca } = await certsDir();
  const child = spawn(process.execPath, [bin, 'serve', '--workers', '2', '--listen', '127.0.0.1:0', '--tls-cert', join(dir, 'tls.crt'), '--tls-key', join(dir, 'tls.key')], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.exitCode === null && child.kill('SIGKILL'));
  const lines = logLines(child);
  const listening = (): Record<string, unknown>[] => lines.filter((l) => l['event'] === 'server.listening');
  await until('two workers listening', () => listening().length === 2, child);
  assert.deepEqual(listening().map((l) => l['worker']).sort(), [1, 2]);
  const port = listening()[0]!['port'] as number;
  assert.equal(listening()[1]!['port'], port, 'one port for both');

  // A new connection for each review: connections are handed to the workers in turn.
  const reviews = 12;
  for (let i = 0; i < reviews; i++) {
    const answer = await call(port, '/validate', { ca, body: JSON.stringify(review(privilegedPod(`p${i}`, 'team'))), agent: new Agent({ keepAlive: false }) });
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(answer.body).response.allowed, false);
  }
  // Whichever worker answers the scrape, it counts every worker's reviews.
  for (let i = 0; i < 2; i++) {
    const metrics = (await call(port, '/metrics', { ca, agent: new Agent({ keepAlive: false }) })).body;
    assert.match(metrics, new RegExp(`seaworthy_admission_requests_total\\{endpoint="validate",outcome="denied"\\} ${reviews}\\n`));
    assert.match(metrics, new RegExp(`seaworthy_admission_duration_seconds_count\\{endpoint="validate"\\} ${reviews}\\n`));
  }

  const exited = new Promise<number | null>((r) => child.once('exit', r));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  const stopped = lines.filter((l) => l['event'] === 'server.stopped');
  assert.deepEqual(stopped.map((l) => l['worker']).sort(), [1, 2], 'each worker drained');
  assert.ok(stopped.every((l) => l['unanswered'] === 0));
  // The work was shared: each worker read some of the 12 reviews and 2 scrapes.
  const read = stopped.map((l) => l['requests'] as number);
  assert.ok(read.every((n) => n > 0), `requests per worker: ${read.join(', ')}`);
  assert.equal(read[0]! + read[1]!, reviews + 2);
});

test('serve --workers 2: a worker that dies is replaced, and the service keeps answering', async (t) => {
  const { dir, ca } = await certsDir();
  const child = spawn(process.execPath, [bin, 'serve', '--workers', '2', '--listen', '127.0.0.1:0', '--tls-cert', join(dir, 'tls.crt'), '--tls-key', join(dir, 'tls.key')], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.exitCode === null && child.kill('SIGKILL'));
  const lines = logLines(child);
  const listening = (): Record<string, unknown>[] => lines.filter((l) => l['event'] === 'server.listening');
  await until('two workers listening', () => listening().length === 2, child);
  const port = listening()[0]!['port'] as number;
  const workers = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  assert.equal(workers.length, 2);
  process.kill(workers[0]!, 'SIGKILL');
  await until('the dead worker reported', () => lines.some((l) => l['event'] === 'worker.exited' && l['signal'] === 'SIGKILL'), child);
  await until('a replacement listening', () => listening().length === 3, child);
  assert.equal(listening()[2]!['worker'], 3);
  for (let i = 0; i < 4; i++) {
    const answer = await call(port, '/validate', { ca, body: JSON.stringify(review(privilegedPod(`p${i}`, 'team'))), agent: new Agent({ keepAlive: false }) });
    assert.equal(answer.status, 200);
  }
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});

test('serve --workers 2 on a port already in use exits with 2, as one process does', async (t) => {
  const { dir } = await certsDir();
  const taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
  t.after(() => taken.close());
  const port = (taken.address() as AddressInfo).port;
  const child = spawn(process.execPath, [bin, 'serve', '--workers', '2', '--listen', `127.0.0.1:${port}`, '--tls-cert', join(dir, 'tls.crt'), '--tls-key', join(dir, 'tls.key')], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.exitCode === null && child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdout.resume();
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  assert.equal(code, 2);
  assert.match(stderr, /EADDRINUSE/);
});
