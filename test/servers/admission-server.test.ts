import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:https';
import { once } from 'node:events';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { Reviewer } from '../../src/admission/reviewer.js';
import { defaultConfig } from '../../src/config/config.js';
import { startAdmissionServer } from '../../src/servers/admission-server.js';
import { createMetrics } from '../../src/servers/metrics.js';
import { jsonLogger } from '../../src/servers/json-log.js';
import { makeServingCerts } from '../../src/servers/serving-certs.js';
import { loadConfigOrThrow, watchConfig } from '../../src/servers/config-reload.js';
import { privilegedPod, review } from '../admission/reviews.js';
import { call } from './https-client.js';

async function setup(options: { namespaceDelayMs?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-serve-'));
  const certs = await makeServingCerts({ service: 'seaworthy', namespace: 'test' });
  writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
  writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
  const lines: Record<string, unknown>[] = [];
  const log = jsonLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  const delay = options.namespaceDelayMs;
  const started = { reviews: 0 };
  const slowLabels = () => {
    started.reviews++;
    return new Promise<undefined>((r) => setTimeout(() => r(undefined), delay));
  };
  const reviewer = new Reviewer(defaultConfig(), delay ? { namespaceLabels: slowLabels } : {});
  const metrics = createMetrics();
  const running = await startAdmissionServer({ host: '127.0.0.1', port: 0, certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key'), reviewer, metrics, log, certPollMs: 100 });
  return { dir, certs, lines, reviewer, metrics, running, port: running.port, started };
}

test('POST /validate answers the review; health, readiness and metrics are served', async (t) => {
  const s = await setup();
  t.after(() => s.running.stop());
  const body = review(privilegedPod('bad', 'team'));
  const answer = await call(s.port, '/validate', { ca: s.certs.caCert, body: JSON.stringify(body) });
  assert.equal(answer.status, 200);
  const parsed = JSON.parse(answer.body) as { apiVersion: string; kind: string; response: { uid: string; allowed: boolean } };
  assert.equal(parsed.apiVersion, 'admission.k8s.io/v1');
  assert.equal(parsed.kind, 'AdmissionReview');
  assert.equal(parsed.response.uid, (body['request'] as { uid: string }).uid);
  assert.equal(parsed.response.allowed, false);

  assert.equal((await call(s.port, '/healthz', { ca: s.certs.caCert })).body, 'ok\n');
  assert.equal((await call(s.port, '/readyz', { ca: s.certs.caCert })).status, 200);
  const metrics = (await call(s.port, '/metrics', { ca: s.certs.caCert })).body;
  assert.match(metrics, /seaworthy_admission_requests_total\{endpoint="validate",outcome="denied"\} 1/);
  assert.match(metrics, /seaworthy_admission_decisions_total\{rule="privileged-container",mode="enforce"\} 1/);
  assert.match(metrics, /seaworthy_admission_duration_seconds_count\{endpoint="validate"\} 1/);
  s.running.setReady(false);
  assert.equal((await call(s.port, '/readyz', { ca: s.certs.caCert })).status, 503);
});

test('bad requests get clear HTTP errors, not a crash', async (t) => {
  const s = await setup();
  t.after(() => s.running.stop());
  const ca = s.certs.caCert;
  const notJson = await call(s.port, '/validate', { ca, body: '{"apiVersion":' });
  assert.equal(notJson.status, 400);
  assert.match(notJson.body, /^not JSON/);
  const notReview = await call(s.port, '/validate', { ca, body: JSON.stringify({ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview' }) });
  assert.equal(notReview.status, 400);
  assert.match(notReview.body, /expected apiVersion admission.k8s.io\/v1/);
  assert.equal((await call(s.port, '/validate', { ca })).status, 405);
  assert.equal((await call(s.port, '/nope', { ca })).status, 404);
  const huge = await call(s.port, '/validate', { ca, body: `"${'x'.repeat(9 * 1024 * 1024)}"` }).catch((e: Error) => ({ status: -1, body: e.message }));
  assert.ok(huge.status === 413 || huge.status === -1, `got ${huge.status}`);
  assert.equal((await call(s.port, '/healthz', { ca })).status, 200, 'still serving');
});

test('TLS below 1.2 is refused', async (t) => {
  const s = await setup();
  t.after(() => s.running.stop());
  await assert.rejects(call(s.port, '/healthz', { ca: s.certs.caCert, maxVersion: 'TLSv1.1' }));
  assert.equal((await call(s.port, '/healthz', { ca: s.certs.caCert, maxVersion: 'TLSv1.2' })).status, 200);
});

test('a rotated certificate is served without a restart; a half-written pair is rejected and the old one kept', async (t) => {
  const s = await setup();
  t.after(() => s.running.stop());
  const next = await makeServingCerts({ service: 'seaworthy', namespace: 'test' });
  // A new certificate with the old key: rejected, the old pair keeps serving.
  writeFileSync(join(s.dir, 'tls.crt'), next.tlsCert);
  await waitFor(() => s.lines.some((l) => l['event'] === 'tls.reload_rejected'));
  assert.equal((await call(s.port, '/healthz', { ca: s.certs.caCert, agent: new Agent() })).status, 200);
  // The key follows (atomically, as a Secret update does): the new pair is served.
  writeFileSync(join(s.dir, 'tls.key.new'), next.tlsKey);
  renameSync(join(s.dir, 'tls.key.new'), join(s.dir, 'tls.key'));
  await waitFor(() => s.lines.some((l) => l['event'] === 'tls.reloaded'));
  assert.equal((await call(s.port, '/healthz', { ca: next.caCert, agent: new Agent() })).status, 200);
  await assert.rejects(call(s.port, '/healthz', { ca: s.certs.caCert, agent: new Agent() }), /self.signed|unable to verify|certificate/i);
});

test('the configuration reloads on change, and a bad file keeps the last good one', async (t) => {
  const s = await setup();
  const file = join(s.dir, 'seaworthy.yaml');
  writeFileSync(file, 'admission:\n  enforceOn: critical\n');
  s.reviewer.setConfig(loadConfigOrThrow(file));
  const watch = watchConfig(file, (c) => s.reviewer.setConfig(c), jsonLogger((l) => s.lines.push(JSON.parse(l) as Record<string, unknown>)), s.metrics, 100);
  t.after(() => {
    watch.stop();
    return s.running.stop();
  });
  const decide = async () => JSON.parse((await call(s.port, '/validate', { ca: s.certs.caCert, body: JSON.stringify(review(privilegedPod('p', 'team'))) })).body).response.allowed as boolean;
  assert.equal(await decide(), false, 'privileged-container is critical');
  writeFileSync(file, 'admission:\n  enforceOn: none\n');
  await waitFor(() => s.lines.some((l) => l['event'] === 'config.reloaded'));
  assert.equal(await decide(), true);
  writeFileSync(file, 'admission:\n  enforceOn: nonsense\n  - broken');
  await waitFor(() => s.lines.some((l) => l['event'] === 'config.reload_rejected'));
  assert.equal(await decide(), true, 'the last good configuration stays');
  const rejected = s.lines.find((l) => l['event'] === 'config.reload_rejected')!;
  assert.match(String(rejected['error']), /seaworthy\.yaml/);
});

test('stop() answers every review already accepted, then refuses new connections', async () => {
  const s = await setup({ namespaceDelayMs: 300 });
  const agent = new Agent({ keepAlive: true, maxSockets: 20 });
  const pending = Array.from({ length: 20 }, () => call(s.port, '/validate', { ca: s.certs.caCert, body: JSON.stringify(review(privilegedPod('p', 'team'))), agent }));
  await waitFor(() => s.started.reviews === 20); // all accepted and being judged, none answered yet
  const stopped = s.running.stop();
  const answers = await Promise.all(pending);
  await stopped;
  assert.deepEqual(answers.map((a) => a.status), Array(20).fill(200));
  assert.ok(answers.every((a) => JSON.parse(a.body).response.allowed === false));
  await assert.rejects(call(s.port, '/healthz', { ca: s.certs.caCert, agent: new Agent() }), /ECONNREFUSED/);
  agent.destroy();
});

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One HTTP/1.1 request as bytes, for a raw TLS socket. */
function rawRequest(body: string): string {
  return `POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`;
}

/** Reads HTTP/1.1 responses (Content-Length framed) from a socket as they come. */
function responses(socket: TLSSocket): { next(): Promise<{ head: string; body: string } | 'closed'> } {
  let buffered = '';
  let ended = false;
  let wake: (() => void) | undefined;
  socket.on('data', (c: Buffer) => {
    buffered += c.toString('utf8');
    wake?.();
  });
  socket.on('close', () => {
    ended = true;
    wake?.();
  });
  socket.on('error', () => undefined);
  return {
    async next() {
      for (;;) {
        const split = buffered.indexOf('\r\n\r\n');
        if (split >= 0) {
          const head = buffered.slice(0, split);
          const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
          if (buffered.length >= split + 4 + length) {
            const body = buffered.slice(split + 4, split + 4 + length);
            buffered = buffered.slice(split + 4 + length);
            return { head, body };
          }
        }
        if (ended) return 'closed';
        await new Promise<void>((r) => (wake = r));
      }
    },
  };
}

test('a request sent on an idle keep-alive connection as the drain begins is answered, with Connection: close', async () => {
  const s = await setup();
  const socket = tlsConnect({ host: '127.0.0.1', port: s.port, ca: s.certs.caCert, servername: 'localhost' });
  await once(socket, 'secureConnect');
  const read = responses(socket);
  const body = JSON.stringify(review(privilegedPod('p', 'team')));
  socket.write(rawRequest(body));
  const first = await read.next();
  assert.notEqual(first, 'closed');
  // The connection is idle now. The next request's bytes are on their way (written to the
  // kernel) when the drain starts, before the server's event loop has read them: closing
  // idle connections at once would drop this request with a reset.
  socket.write(rawRequest(body));
  const stopped = s.running.stop();
  const second = await read.next();
  assert.notEqual(second, 'closed', 'the request whose bytes had reached the server was dropped');
  if (second === 'closed') return;
  assert.match(second.head, /^HTTP\/1\.1 200/);
  assert.match(second.head, /connection: close/i);
  assert.equal(JSON.parse(second.body).response.allowed, false);
  assert.equal(await read.next(), 'closed', 'the server closes the connection after that answer');
  await stopped;
  const last = s.lines.find((l) => l['event'] === 'server.stopped')!;
  assert.deepEqual([last['requests'], last['unanswered']], [2, 0]);
});

test('stop() closes keep-alive connections that stay idle, and finishes', async () => {
  const s = await setup();
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  await Promise.all(Array.from({ length: 4 }, () => call(s.port, '/validate', { ca: s.certs.caCert, body: JSON.stringify(review(privilegedPod('p', 'team'))), agent })));
  const sockets = Object.values(agent.freeSockets).flat();
  assert.equal(sockets.length, 4, 'four idle keep-alive connections');
  const closed = sockets.map((sk) => once(sk!, 'close'));
  await s.running.stop();
  await Promise.all(closed);
  agent.destroy();
});
