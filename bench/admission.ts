/**
 * `npm run bench -- admission`: seaworthy serve answering /validate on loopback against a
 * bare Node HTTPS server answering the same review with a fixed response (the fastest
 * way to do the bare work: TLS, HTTP, read the body, answer), both as processes of their
 * own, driven by the same client (autocannon, 50 connections, keep-alive, a bounded
 * duration). Then a soak (RSS over a few minutes, from seaworthy's own /metrics) and a
 * SIGTERM under load (every accepted request must be answered).
 * Durations: BENCH_ADMISSION_SECONDS (default 10), BENCH_SOAK_SECONDS (default 120).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { makeServingCerts } from '../src/servers/serving-certs.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** A review as the API server sends it for `kubectl run`: one Pod, one container, some findings. */
function sampleReview(): Record<string, unknown> {
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: '', version: 'v1', kind: 'Pod' },
      resource: { group: '', version: 'v1', resource: 'pods' },
      namespace: 'team',
      operation: 'CREATE',
      userInfo: { username: 'admin', groups: ['system:authenticated'] },
      object: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web', namespace: 'team', labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'registry.example.com/team/web:1.4.2',
              ports: [{ containerPort: 8080 }],
              resources: { limits: { cpu: '500m', memory: '256Mi' } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            },
          ],
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
        },
      },
      oldObject: null,
      dryRun: false,
    },
  };
}

async function waitForLine(child: ChildProcess, match: (line: string) => string | undefined): Promise<string> {
  return new Promise((resolvePort, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      for (const line of buffered.split('\n')) {
        const found = match(line);
        if (found) {
          child.stdout!.off('data', onData);
          resolvePort(found);
          return;
        }
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code} before it listened`)));
  });
}

function get(port: number, path: string): Promise<string> {
  return new Promise((res, rej) => {
    request({ host: '127.0.0.1', port, path, rejectUnauthorized: false }, (r) => {
      let body = '';
      r.on('data', (c: Buffer) => (body += c.toString()));
      r.on('end', () => res(body));
    })
      .on('error', rej)
      .end();
  });
}

async function rssOf(port: number): Promise<number> {
  const metrics = await get(port, '/metrics');
  return Number(/^seaworthy_process_resident_memory_bytes (\d+)/m.exec(metrics)?.[1] ?? NaN);
}

async function load(port: number, body: string, seconds: number): Promise<Result> {
  return autocannon({ url: `https://127.0.0.1:${port}/validate`, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 50, duration: seconds });
}

export async function runAdmissionBench(): Promise<{ ratio: number; p99: number }> {
  const seconds = Number(process.env['BENCH_ADMISSION_SECONDS'] ?? 10);
  const soakSeconds = Number(process.env['BENCH_SOAK_SECONDS'] ?? 120);
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-bench-admission-'));
  const certs = await makeServingCerts({ service: 'seaworthy', namespace: 'bench' });
  writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
  writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
  const body = JSON.stringify(sampleReview());

  const startSeaworthy = async (): Promise<{ child: ChildProcess; port: number }> => {
    const child = spawn(process.execPath, [join(root, 'bin/seaworthy.js'), 'serve', '--listen=127.0.0.1:0', `--tls-cert=${join(dir, 'tls.crt')}`, `--tls-key=${join(dir, 'tls.key')}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = Number(await waitForLine(child, (l) => (l.includes('"server.listening"') ? String(JSON.parse(l).port) : undefined)));
    return { child, port };
  };
  const seaworthy = await startSeaworthy();
  // The bare server answers with exactly what seaworthy answers for this review.
  const fixed = await new Promise<string>((res, rej) => {
    const req = request({ host: '127.0.0.1', port: seaworthy.port, path: '/validate', method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } }, (r) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => res(text));
    });
    req.on('error', rej);
    req.end(body);
  });
  writeFileSync(join(dir, 'response.json'), fixed);
  const bare = spawn(process.execPath, [join(root, 'dist/bench/bare-https-server.js'), join(dir, 'tls.crt'), join(dir, 'tls.key'), join(dir, 'response.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const barePort = Number(await waitForLine(bare, (l) => (/^\d+$/.test(l.trim()) ? l.trim() : undefined)));

  // Warm both (JIT, TLS session set-up), then alternate measured rounds.
  await load(seaworthy.port, body, 2);
  await load(barePort, body, 2);
  const ours = await load(seaworthy.port, body, seconds);
  const base = await load(barePort, body, seconds);
  bare.kill('SIGTERM');
  const ratio = ours.requests.average / base.requests.average;
  console.log(
    `admission: seaworthy /validate ${ours.requests.average.toFixed(0)} req/s (p50 ${ours.latency.p50} ms, p99 ${ours.latency.p99} ms, ${ours.errors} errors, ${ours.non2xx} non-2xx), ` +
      `bare HTTPS ${base.requests.average.toFixed(0)} req/s (p99 ${base.latency.p99} ms), ratio ${ratio.toFixed(2)}x (target >= 0.8x; p99 target <= 10 ms)`,
  );

  // Soak: steady load, RSS sampled from seaworthy's own metrics.
  const samples: number[] = [await rssOf(seaworthy.port)];
  const soakEnd = Date.now() + soakSeconds * 1000;
  let soakRequests = 0;
  while (Date.now() < soakEnd) {
    const r = await load(seaworthy.port, body, Math.min(15, Math.max(1, Math.round((soakEnd - Date.now()) / 1000))));
    soakRequests += r.requests.total;
    samples.push(await rssOf(seaworthy.port));
  }
  const mb = (b: number) => (b / 1048576).toFixed(0);
  const firstHalf = samples.slice(1, Math.ceil(samples.length / 2));
  const secondHalf = samples.slice(Math.ceil(samples.length / 2));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(`admission soak: ${soakSeconds} s, ${soakRequests} reviews; RSS MiB ${samples.map(mb).join(' → ')}; second-half mean ${mb(avg(secondHalf))} vs first-half ${mb(avg(firstHalf))} MiB`);

  // SIGTERM under load: keep-alive clients keep sending; every request the server accepted must be answered.
  const agent = new Agent({ keepAlive: true, maxSockets: 50, rejectUnauthorized: false });
  let sent = 0;
  let answered = 0;
  let refused = 0;
  let dropped = 0;
  const dropCodes: Record<string, number> = {};
  let running = true;
  const exited = new Promise<number | null>((r) => seaworthy.child.once('exit', (code) => r(code)));
  const worker = async (): Promise<void> => {
    while (running) {
      sent++;
      const outcome = await new Promise<'answered' | 'refused' | 'dropped'>((res) => {
        const req = request({ host: '127.0.0.1', port: seaworthy.port, path: '/validate', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (r) => {
          r.on('data', () => undefined);
          r.on('end', () => {
            if (r.statusCode !== 200) dropCodes[`HTTP ${r.statusCode}`] = (dropCodes[`HTTP ${r.statusCode}`] ?? 0) + 1;
            res(r.statusCode === 200 ? 'answered' : 'dropped');
          });
          r.on('error', (e: NodeJS.ErrnoException) => {
            dropCodes[`response ${e.code ?? e.message}`] = (dropCodes[`response ${e.code ?? e.message}`] ?? 0) + 1;
            res('dropped');
          });
        });
        // Refused: the listener was closed before this connection was accepted. Anything else
        // (reset, hang-up) after a request went out on an accepted connection is a drop.
        req.on('error', (e: NodeJS.ErrnoException) => {
          const outcome = e.code === 'ECONNREFUSED' || (req.reusedSocket && e.code === 'ECONNRESET') ? 'refused' : 'dropped';
          if (outcome === 'dropped') dropCodes[`${e.code ?? e.message}${req.reusedSocket ? ' (reused socket)' : ' (new connection)'}`] = (dropCodes[`${e.code ?? e.message}${req.reusedSocket ? ' (reused socket)' : ' (new connection)'}`] ?? 0) + 1;
          res(outcome);
        });
        req.end(body);
      });
      if (outcome === 'answered') answered++;
      else if (outcome === 'refused') {
        refused++;
        if (seaworthy.child.exitCode !== null) running = false;
        await new Promise((r) => setTimeout(r, 20));
      } else dropped++;
    }
  };
  const workers = Array.from({ length: 50 }, () => worker());
  await new Promise((r) => setTimeout(r, 2000));
  seaworthy.child.kill('SIGTERM');
  const code = await exited;
  running = false;
  await Promise.all(workers);
  agent.destroy();
  console.log(`admission SIGTERM under load: exit code ${code}; ${sent} requests sent, ${answered} answered, ${dropped} failed ${JSON.stringify(dropCodes)}, ${refused} refused after the listener closed`);
  return { ratio, p99: ours.latency.p99 };
}
