/**
 * `npm run bench -- admission`: seaworthy serve answering /validate on loopback against a
 * bare Node HTTPS server answering the same review with a fixed response (the fastest
 * way to do the bare work: TLS, HTTP, read the body, answer), both as processes of their
 * own, driven by the same client (autocannon, 50 connections, keep-alive, a bounded
 * duration), in interleaved rounds (the machine is shared: a ratio per round, and the
 * median). Both are single processes: seaworthy serve runs one, like the baseline. Then
 * a soak (memory after a forced garbage collection, sampled over a few minutes, with a
 * verdict) and a SIGTERM under load (every request the server read must be answered).
 * The load average is printed with each figure.
 * BENCH_ADMISSION_SECONDS (per round, default 10), BENCH_ADMISSION_ROUNDS (default 3),
 * BENCH_ADMISSION_WARMUP (requests to each server first, default 10,000), BENCH_SOAK_SECONDS
 * (default 180).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { loadavg, tmpdir } from 'node:os';
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

/** JSON lines of a child's standard output, as they come. */
function jsonLines(child: ChildProcess): { next(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> } {
  const seen: Record<string, unknown>[] = [];
  const waiting: { match: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
      }
      const w = waiting.findIndex((x) => x.match(line));
      if (w >= 0) waiting.splice(w, 1)[0]!.resolve(line);
      else seen.push(line);
    }
  });
  return {
    next: (match) => {
      const at = seen.findIndex(match);
      if (at >= 0) return Promise.resolve(seen.splice(at, 1)[0]!);
      return new Promise((resolve) => waiting.push({ match, resolve }));
    },
  };
}

const load1 = (): string => loadavg()[0]!.toFixed(1);

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat (11 and 12 after the command).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function load(port: number, body: string, seconds: number): Promise<Result> {
  return autocannon({ url: `https://127.0.0.1:${port}/validate`, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 50, duration: seconds });
}

async function warm(port: number, body: string, amount: number): Promise<void> {
  await autocannon({ url: `https://127.0.0.1:${port}/validate`, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 50, amount });
}

/** A least-squares slope (per x unit). */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den ? num / den : 0;
}

export async function runAdmissionBench(): Promise<{ ratio: number; p99: number }> {
  const seconds = Number(process.env['BENCH_ADMISSION_SECONDS'] ?? 10);
  const rounds = Math.max(1, Number(process.env['BENCH_ADMISSION_ROUNDS'] ?? 3));
  const soakSeconds = Number(process.env['BENCH_SOAK_SECONDS'] ?? 180);
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-bench-admission-'));
  const certs = await makeServingCerts({ service: 'seaworthy', namespace: 'bench' });
  writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
  writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
  const body = JSON.stringify(sampleReview());

  // --expose-gc and the bench's SIGUSR2 hook (bench/gc-on-signal.ts) serve the soak only.
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', join(root, 'dist/bench/gc-on-signal.js'), join(root, 'bin/seaworthy.js'), 'serve', '--listen=127.0.0.1:0', `--tls-cert=${join(dir, 'tls.crt')}`, `--tls-key=${join(dir, 'tls.key')}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = jsonLines(child);
  const port = Number((await lines.next((l) => l['event'] === 'server.listening'))['port']);
  // The bare server answers with exactly what seaworthy answers for this review.
  const fixed = await new Promise<string>((res, rej) => {
    const req = request({ host: '127.0.0.1', port, path: '/validate', method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } }, (r) => {
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

  // Warm both by a count of requests, not seconds: on a busy machine a few seconds are a
  // few hundred reviews, and the review path is optimised by the JIT only after thousands
  // (in-process, the first 5,000 reviews cost 4x the CPU of later ones).
  const warmup = Number(process.env['BENCH_ADMISSION_WARMUP'] ?? 10_000);
  await warm(port, body, warmup);
  await warm(barePort, body, warmup);
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const p99s: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const before = load1();
    const c0 = cpuSeconds(child.pid!);
    const ours = await load(port, body, seconds);
    const c1 = cpuSeconds(child.pid!);
    const b0 = cpuSeconds(bare.pid!);
    const base = await load(barePort, body, seconds);
    const b1 = cpuSeconds(bare.pid!);
    const ratio = ours.requests.average / base.requests.average;
    // Server CPU per answered request: what a shared machine's queueing does not distort.
    const oursCpu = ((c1 - c0) / Math.max(1, ours.requests.total)) * 1e6;
    const baseCpu = ((b1 - b0) / Math.max(1, base.requests.total)) * 1e6;
    ratios.push(ratio);
    cpuRatios.push(baseCpu / oursCpu);
    p99s.push(ours.latency.p99);
    console.log(
      `admission round ${round}: seaworthy /validate ${ours.requests.average.toFixed(0)} req/s (p50 ${ours.latency.p50} ms, p99 ${ours.latency.p99} ms, ${ours.errors} errors, ${ours.non2xx} non-2xx, ${oursCpu.toFixed(0)} us server CPU a request), ` +
        `bare HTTPS ${base.requests.average.toFixed(0)} req/s (p50 ${base.latency.p50} ms, p99 ${base.latency.p99} ms, ${baseCpu.toFixed(0)} us CPU a request), ratio ${ratio.toFixed(2)}x (by CPU ${(baseCpu / oursCpu).toFixed(2)}x); load average ${before} → ${load1()}`,
    );
  }
  bare.kill('SIGTERM');
  const ratio = median(ratios);
  const p99 = median(p99s);
  console.log(
    `admission: median ratio ${ratio.toFixed(2)}x req/s (target >= 0.8x; by server CPU a request ${median(cpuRatios).toFixed(2)}x), median p99 ${p99} ms (target <= 10 ms) over ${rounds} rounds of ${seconds} s; single process each`,
  );

  // Soak: steady load in 15 s rounds; after each, memory after a forced collection.
  const sample = async (): Promise<{ rss: number; heapUsed: number }> => {
    child.kill('SIGUSR2');
    const line = await lines.next((l) => l['event'] === 'bench.gc');
    return { rss: Number(line['rss']), heapUsed: Number(line['heapUsed']) };
  };
  const t0 = Date.now();
  const series: { t: number; rss: number; heapUsed: number }[] = [{ t: 0, ...(await sample()) }];
  const soakEnd = t0 + soakSeconds * 1000;
  let soakRequests = 0;
  const soakLoad = load1();
  while (Date.now() < soakEnd) {
    const r = await load(port, body, Math.min(15, Math.max(1, Math.round((soakEnd - Date.now()) / 1000))));
    soakRequests += r.requests.total;
    series.push({ t: (Date.now() - t0) / 1000, ...(await sample()) });
  }
  if (series.length > 3) {
    const mib = (b: number): string => (b / 1048576).toFixed(1);
    // The first third is warm-up (JIT, pools, TLS session caches); the verdict reads the rest.
    const steady = series.slice(Math.floor(series.length / 3));
    const heapSlope = slope(steady.map((s) => s.t), steady.map((s) => s.heapUsed)) * 60;
    const rssSlope = slope(steady.map((s) => s.t), steady.map((s) => s.rss)) * 60;
    const perReview = (steady[steady.length - 1]!.heapUsed - steady[0]!.heapUsed) / Math.max(1, (soakRequests * (steady[steady.length - 1]!.t - steady[0]!.t)) / series[series.length - 1]!.t);
    // Flat: the kept heap grows by less than 1 MiB a minute under about as many reviews a
    // minute as the machine allows (a leak of even 100 bytes a review shows up as several).
    const flat = heapSlope < 1048576 && rssSlope < 4 * 1048576;
    console.log(`admission soak: ${soakSeconds} s, ${soakRequests} reviews, load average ${soakLoad} → ${load1()}; after GC, every ~15 s:`);
    console.log(`  RSS MiB       ${series.map((s) => mib(s.rss)).join(' ')}`);
    console.log(`  heap used MiB ${series.map((s) => mib(s.heapUsed)).join(' ')}`);
    console.log(
      `  after warm-up: heap ${heapSlope >= 0 ? '+' : ''}${mib(heapSlope)} MiB/min, RSS ${rssSlope >= 0 ? '+' : ''}${mib(rssSlope)} MiB/min (${perReview.toFixed(1)} bytes kept per review): ${flat ? 'FLAT (no growth beyond noise)' : 'GROWING (look for a leak)'}`,
    );
  }

  // SIGTERM under load: keep-alive clients keep sending; every request the server read
  // must be answered. The server's own stop line counts what it read and left unanswered.
  const agent = new Agent({ keepAlive: true, maxSockets: 50, rejectUnauthorized: false });
  const counts = { sent: 0, answered: 0, notAccepted: 0, idleClosed: 0, dropped: 0 };
  const dropCodes: Record<string, number> = {};
  let running = true;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stopped = lines.next((l) => l['event'] === 'server.stopped');
  const worker = async (): Promise<void> => {
    while (running) {
      counts.sent++;
      const outcome = await new Promise<keyof typeof counts>((res) => {
        const req = request({ host: '127.0.0.1', port, path: '/validate', method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (r) => {
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
        req.on('error', (e: NodeJS.ErrnoException) => {
          // Refused, or reset on a new connection before TLS finished: the listener was
          // closed (a connection still in the kernel's accept queue is reset), never
          // accepted. Reset on a reused idle connection before any answer: the request
          // was on the wire when the server closed that idle connection (the race every
          // HTTP/1.1 keep-alive server has; the server counts it below if it read it).
          const outcome = e.code === 'ECONNREFUSED' || (!req.reusedSocket && e.code === 'ECONNRESET') ? 'notAccepted' : req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE') ? 'idleClosed' : 'dropped';
          if (outcome === 'dropped') dropCodes[`${e.code ?? e.message}${req.reusedSocket ? ' (reused socket)' : ' (new connection)'}`] = (dropCodes[`${e.code ?? e.message}${req.reusedSocket ? ' (reused socket)' : ' (new connection)'}`] ?? 0) + 1;
          res(outcome);
        });
        req.end(body);
      });
      counts[outcome]++;
      if (outcome === 'notAccepted') {
        if (child.exitCode !== null) running = false;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const workers = Array.from({ length: 50 }, () => worker());
  await new Promise((r) => setTimeout(r, 2000));
  const termLoad = load1();
  child.kill('SIGTERM');
  const stopLine = await stopped;
  const code = await exited;
  running = false;
  await Promise.all(workers);
  agent.destroy();
  const unanswered = Number(stopLine['unanswered']);
  const ok = code === 0 && unanswered === 0 && counts.dropped === 0 && counts.idleClosed === 0;
  console.log(
    `admission SIGTERM under load (load average ${termLoad}): exit code ${code}; client: ${counts.sent} sent, ${counts.answered} answered, ` +
      `${counts.idleClosed} reset on an idle keep-alive connection, ${counts.dropped} failed otherwise ${JSON.stringify(dropCodes)}, ${counts.notAccepted} refused/reset before the connection was accepted; ` +
      `server: ${stopLine['requests']} requests read over its life, ${unanswered} left unanswered: ${ok ? 'PASS (every request the server read was answered)' : 'FAIL'}`,
  );
  return { ratio, p99 };
}
