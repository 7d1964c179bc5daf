/**
 * `npm run bench -- admission`: seaworthy serve answering /validate on loopback against a
 * bare Node HTTPS server answering the same review with a fixed response (the fastest
 * way to do the bare work: TLS, HTTP, read the body, answer), each a process of its own,
 * driven by the same client (autocannon, 50 connections, keep-alive, a bounded duration),
 * in interleaved rounds (the machine is shared: a ratio per round, and the median).
 *
 * Three comparisons, because workers change what is compared: one process against one
 * process (the issue's comparison); `seaworthy serve --workers N` against the bare
 * server's one process (what a user gets from the option on this machine); and both with
 * N workers (the same cores on each side). The load client runs on the same machine and
 * needs a core too: on 2 cores, workers take CPU from the client.
 *
 * Latency is given twice: p99 at 50 connections sending as fast as answered (the issue's
 * figure: at saturation it is queueing, 50 / throughput by Little's law, more than
 * service time), and p99 at a fixed rate of BENCH_ADMISSION_RATE reviews a second (open
 * loop, corrected for coordinated omission): what an API server sees below saturation.
 * Then a soak (memory after a forced garbage collection, sampled over a few minutes,
 * with a verdict) and a SIGTERM under load, one process and N workers (every request a
 * server read must be answered). The load average is printed with each figure; server
 * CPU a request (from /proc, every process of a server) beside each rate.
 *
 * BENCH_ADMISSION_SECONDS (per round, default 10), BENCH_ADMISSION_ROUNDS (default 3),
 * BENCH_ADMISSION_WORKERS (default 2), BENCH_ADMISSION_RATE (default 300: more than even a large rollout sends),
 * BENCH_ADMISSION_WARMUP (requests to each server first, default 10,000),
 * BENCH_SOAK_SECONDS (default 180).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { cpus, loadavg, tmpdir } from 'node:os';
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

/** The processes of a server: itself and its cluster workers (Linux). */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // exited
  }
  return [pid, ...children.flatMap(processTree)];
}

/** CPU seconds (user + system) a process and its workers have used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime and stime are fields 14 and 15 of stat (11 and 12 after the command).
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // exited between the listing and the read
    }
  }
  return total;
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function load(port: number, body: string, seconds: number, rate?: number): Promise<Result> {
  return autocannon({ url: `https://127.0.0.1:${port}/validate`, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 50, duration: seconds, ...(rate && { overallRate: rate }) });
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

interface Server {
  name: string;
  child: ChildProcess;
  port: number;
  /** seaworthy's JSON log lines (not the bare server's). */
  lines?: ReturnType<typeof jsonLines>;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  cpuUs: number;
  /** The load client's CPU a request (this process: autocannon), on the same cores. */
  clientUs: number;
  total: number;
  errors: number;
  non2xx: number;
}

async function measure(server: Server, body: string, seconds: number, rate?: number): Promise<Measured> {
  const c0 = cpuSeconds(server.child.pid!);
  const u0 = process.cpuUsage();
  const r = await load(server.port, body, seconds, rate);
  const u = process.cpuUsage(u0);
  const c1 = cpuSeconds(server.child.pid!);
  // Server CPU per answered request: what a shared machine's queueing does not distort.
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuUs: ((c1 - c0) / Math.max(1, r.requests.total)) * 1e6, clientUs: (u.user + u.system) / Math.max(1, r.requests.total), total: r.requests.total, errors: r.errors, non2xx: r.non2xx };
}

const describe = (m: Measured): string => `${m.rps.toFixed(0)} req/s (p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.cpuUs.toFixed(0)} us server CPU a request, client ${m.clientUs.toFixed(0)} us${m.errors || m.non2xx ? `, ${m.errors} errors, ${m.non2xx} non-2xx` : ''})`;

export async function runAdmissionBench(): Promise<{ ratio: number; p99: number }> {
  const seconds = Number(process.env['BENCH_ADMISSION_SECONDS'] ?? 10);
  const rounds = Math.max(1, Number(process.env['BENCH_ADMISSION_ROUNDS'] ?? 3));
  const workers = Math.max(2, Number(process.env['BENCH_ADMISSION_WORKERS'] ?? 2));
  const rate = Number(process.env['BENCH_ADMISSION_RATE'] ?? 300);
  const soakSeconds = Number(process.env['BENCH_SOAK_SECONDS'] ?? 180);
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-bench-admission-'));
  const certs = await makeServingCerts({ service: 'seaworthy', namespace: 'bench' });
  writeFileSync(join(dir, 'tls.crt'), certs.tlsCert);
  writeFileSync(join(dir, 'tls.key'), certs.tlsKey);
  const body = JSON.stringify(sampleReview());

  const startSeaworthy = async (n: number): Promise<Server> => {
    // --expose-gc and the bench's SIGUSR2 hook (bench/gc-on-signal.ts) serve the soak only.
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        join(root, 'dist/bench/gc-on-signal.js'),
        join(root, 'bin/seaworthy.js'),
        'serve',
        '--listen=127.0.0.1:0',
        `--tls-cert=${join(dir, 'tls.crt')}`,
        `--tls-key=${join(dir, 'tls.key')}`,
        ...(n > 1 ? [`--workers=${n}`] : []),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines = jsonLines(child);
    let port = 0;
    for (let i = 0; i < n; i++) port = Number((await lines.next((l) => l['event'] === 'server.listening'))['port']);
    return { name: n > 1 ? `seaworthy --workers ${n}` : 'seaworthy', child, port, lines };
  };
  const startBare = async (n: number, responseFile: string, parse = false): Promise<Server> => {
    const child = spawn(process.execPath, [join(root, 'dist/bench/bare-https-server.js'), join(dir, 'tls.crt'), join(dir, 'tls.key'), responseFile, String(n), ...(parse ? ['parse'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = Number(await waitForLine(child, (l) => (/^\d+$/.test(l.trim()) ? l.trim() : undefined)));
    return { name: parse ? 'bare + JSON in and out' : n > 1 ? `bare --workers ${n}` : 'bare', child, port };
  };

  const one = await startSeaworthy(1);
  // The bare server answers with exactly what seaworthy answers for this review.
  const fixed = await new Promise<string>((res, rej) => {
    const req = request({ host: '127.0.0.1', port: one.port, path: '/validate', method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } }, (r) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => res(text));
    });
    req.on('error', rej);
    req.end(body);
  });
  writeFileSync(join(dir, 'response.json'), fixed);
  const many = await startSeaworthy(workers);
  const bare = await startBare(1, join(dir, 'response.json'));
  const bareMany = await startBare(workers, join(dir, 'response.json'));
  // The least any webhook must do beyond the bare server: parse the review, serialise an answer.
  const bareJson = await startBare(1, join(dir, 'response.json'), true);
  const servers = [one, bare, many, bareMany, bareJson];

  // Warm each by a count of requests, not seconds: on a busy machine a few seconds are a
  // few hundred reviews, and the review path is optimised by the JIT only after thousands.
  const warmup = Number(process.env['BENCH_ADMISSION_WARMUP'] ?? 10_000);
  for (const s of servers) await warm(s.port, body, warmup * (s === many || s === bareMany ? workers : 1));
  const ratios = { single: [] as number[], workersVsOne: [] as number[], workersVsWorkers: [] as number[], cpu: [] as number[], jsonCpu: [] as number[], json: [] as number[] };
  const p99s: number[] = [];
  const loads: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    const before = load1();
    const m = new Map<Server, Measured>();
    for (const s of servers) m.set(s, await measure(s, body, seconds));
    const r = (a: Server, b: Server): number => m.get(a)!.rps / m.get(b)!.rps;
    ratios.single.push(r(one, bare));
    ratios.workersVsOne.push(r(many, bare));
    ratios.workersVsWorkers.push(r(many, bareMany));
    ratios.cpu.push(m.get(bare)!.cpuUs / m.get(one)!.cpuUs);
    ratios.json.push(r(bareJson, bare));
    ratios.jsonCpu.push(m.get(bare)!.cpuUs / m.get(bareJson)!.cpuUs);
    p99s.push(m.get(one)!.p99);
    loads.push(`${before} → ${load1()}`);
    console.log(`admission round ${round} (load average ${before} → ${load1()}):`);
    for (const s of servers) console.log(`  ${s.name.padEnd(24)} ${describe(m.get(s)!)}`);
    console.log(
      `  ratios: one process each ${r(one, bare).toFixed(2)}x (by CPU a request ${(m.get(bare)!.cpuUs / m.get(one)!.cpuUs).toFixed(2)}x); ` +
        `seaworthy --workers ${workers} vs bare one process ${r(many, bare).toFixed(2)}x; both --workers ${workers} ${r(many, bareMany).toFixed(2)}x; ` +
        `bare + JSON in and out ${r(bareJson, bare).toFixed(2)}x (by CPU ${(m.get(bare)!.cpuUs / m.get(bareJson)!.cpuUs).toFixed(2)}x)`,
    );
  }
  // Below saturation: a fixed rate, the latency an API server sees on a normal day.
  const openLoad = load1();
  const openOne = await measure(one, body, seconds, rate);
  const openBare = await measure(bare, body, seconds, rate);
  const openMany = await measure(many, body, seconds, rate);
  console.log(`admission at a fixed ${rate} reviews a second (load average ${openLoad} → ${load1()}): seaworthy ${describe(openOne)}; seaworthy --workers ${workers} ${describe(openMany)}; bare ${describe(openBare)}`);
  for (const s of [bare, bareMany, many, bareJson]) s.child.kill('SIGTERM');

  const ratio = median(ratios.single);
  const p99 = median(p99s);
  const summary = {
    single: ratio,
    workersVsOne: median(ratios.workersVsOne),
    workersVsWorkers: median(ratios.workersVsWorkers),
  };
  console.log(
    `admission: medians over ${rounds} rounds of ${seconds} s (load average ${loads.join(', ')}): one process each ${summary.single.toFixed(2)}x req/s (by server CPU a request ${median(ratios.cpu).toFixed(2)}x); ` +
      `seaworthy --workers ${workers} vs bare one process ${summary.workersVsOne.toFixed(2)}x; both --workers ${workers} ${summary.workersVsWorkers.toFixed(2)}x; seaworthy p99 at 50 connections ${p99} ms`,
  );

  const soak = await runSoak(one, body, soakSeconds);
  const sigtermOne = await runSigterm(one, body, 1);
  const manyAgain = await startSeaworthy(workers);
  await warm(manyAgain.port, body, warmup);
  const sigtermMany = await runSigterm(manyAgain, body, workers);

  const verdict = (ok: boolean): string => (ok ? 'MET' : 'NOT MET');
  const cpuRatio = median(ratios.cpu);
  const cores = cpus().length;
  const busiest = Math.max(...loads.map((l) => Number(l.split(' → ')[0])));
  console.log('');
  console.log('targets (issue 13, item 8):');
  if (busiest > cores) {
    console.log(`  (the load average reached ${busiest} on ${cores} cores: requests/s ratios are then mostly other processes' scheduling; server CPU a request is the steadier figure)`);
  }
  // One process each, the server is the bottleneck: its requests/s can only follow its CPU a
  // request. A requests/s ratio above 0.8x with a CPU ratio far below is the neighbours' noise.
  const singleMet = summary.single >= 0.8 && cpuRatio >= 0.8;
  console.log(
    `  requests/s, seaworthy ÷ bare, one process each (the issue's comparison): ${summary.single.toFixed(2)}x, by server CPU a request ${cpuRatio.toFixed(2)}x (target >= 0.8x): ${verdict(singleMet)}` +
      (summary.single >= 0.8 && !singleMet ? ' (the requests/s ratio passes only through noise: the CPU a request does not)' : ''),
  );
  console.log(
    `    for scale: a bare server that only parses the review and serialises an answer runs at ${median(ratios.json).toFixed(2)}x requests/s, ${median(ratios.jsonCpu).toFixed(2)}x by CPU a request, before judging anything`,
  );
  console.log(`  requests/s, seaworthy --workers ${workers} ÷ bare one process: ${summary.workersVsOne.toFixed(2)}x: shown, not a verdict (${workers} processes against 1 is not the target's comparison; the load client shares the cores)`);
  console.log(`  requests/s, both --workers ${workers}: ${summary.workersVsWorkers.toFixed(2)}x (target >= 0.8x): ${verdict(summary.workersVsWorkers >= 0.8)}`);
  const sustained = (m: Measured): string => (m.rps < rate * 0.9 ? ` (only ${m.rps.toFixed(0)} req/s sustained: saturated, not the fixed rate)` : '');
  console.log(
    `  p99 at 50 connections, seaworthy one process: ${p99} ms (target <= 10 ms): ${verdict(p99 <= 10)}; ` +
      `at ${rate} reviews a second: ${openOne.p99} ms${sustained(openOne)} (${verdict(openOne.p99 <= 10)}), --workers ${workers}: ${openMany.p99} ms${sustained(openMany)}, bare: ${openBare.p99} ms${sustained(openBare)}`,
  );
  console.log(`  soak memory: ${soak === undefined ? 'too short to judge' : soak ? 'FLAT' : 'GROWING'}: ${verdict(soak === true)}`);
  console.log(`  SIGTERM under load answers every request read: one process ${sigtermOne ? 'PASS' : 'FAIL'}, --workers ${workers} ${sigtermMany ? 'PASS' : 'FAIL'}: ${verdict(sigtermOne && sigtermMany)}`);
  return { ratio, p99 };
}

/** Steady load in 15 s rounds; after each, memory after a forced collection. Undefined when too short to judge. */
async function runSoak(server: Server, body: string, soakSeconds: number): Promise<boolean | undefined> {
  const { child, port, lines } = server;
  const sample = async (): Promise<{ rss: number; heapUsed: number }> => {
    child.kill('SIGUSR2');
    const line = await lines!.next((l) => l['event'] === 'bench.gc');
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
  if (series.length <= 3) return undefined;
  const mib = (b: number): string => (b / 1048576).toFixed(1);
  // The first third is warm-up (JIT, pools, TLS session caches); the verdict reads the rest.
  const steady = series.slice(Math.floor(series.length / 3));
  const heapSlope = slope(steady.map((s) => s.t), steady.map((s) => s.heapUsed)) * 60;
  const rssSlope = slope(steady.map((s) => s.t), steady.map((s) => s.rss)) * 60;
  const perReview = (steady[steady.length - 1]!.heapUsed - steady[0]!.heapUsed) / Math.max(1, (soakRequests * (steady[steady.length - 1]!.t - steady[0]!.t)) / series[series.length - 1]!.t);
  // Flat: the kept heap grows by less than 1 MiB a minute under about as many reviews a
  // minute as the machine allows (a leak of even 100 bytes a review shows up as several).
  const flat = heapSlope < 1048576 && rssSlope < 4 * 1048576;
  console.log(`admission soak (one process): ${soakSeconds} s, ${soakRequests} reviews, load average ${soakLoad} → ${load1()}; after GC, every ~15 s:`);
  console.log(`  RSS MiB       ${series.map((s) => mib(s.rss)).join(' ')}`);
  console.log(`  heap used MiB ${series.map((s) => mib(s.heapUsed)).join(' ')}`);
  console.log(
    `  after warm-up: heap ${heapSlope >= 0 ? '+' : ''}${mib(heapSlope)} MiB/min, RSS ${rssSlope >= 0 ? '+' : ''}${mib(rssSlope)} MiB/min (${perReview.toFixed(1)} bytes kept per review): ${flat ? 'FLAT (no growth beyond noise)' : 'GROWING (look for a leak)'}`,
  );
  return flat;
}

/**
 * SIGTERM under load: keep-alive clients keep sending; every request the server read
 * must be answered. The server's own stop lines (one per worker) count what it read and
 * left unanswered.
 */
async function runSigterm(server: Server, body: string, workers: number): Promise<boolean> {
  const { child, port, lines } = server;
  const agent = new Agent({ keepAlive: true, maxSockets: 50, rejectUnauthorized: false });
  const counts = { sent: 0, answered: 0, notAccepted: 0, idleClosed: 0, dropped: 0 };
  const dropCodes: Record<string, number> = {};
  let running = true;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stopped = Promise.all(Array.from({ length: workers }, () => lines!.next((l) => l['event'] === 'server.stopped')));
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
  const clients = Array.from({ length: 50 }, () => worker());
  await new Promise((r) => setTimeout(r, 2000));
  const termLoad = load1();
  child.kill('SIGTERM');
  const stopLines = await stopped;
  const code = await exited;
  running = false;
  await Promise.all(clients);
  agent.destroy();
  const read = stopLines.reduce((n, l) => n + Number(l['requests']), 0);
  const unanswered = stopLines.reduce((n, l) => n + Number(l['unanswered']), 0);
  const ok = code === 0 && unanswered === 0 && counts.dropped === 0 && counts.idleClosed === 0;
  console.log(
    `admission SIGTERM under load, ${workers > 1 ? `--workers ${workers}` : 'one process'} (load average ${termLoad}): exit code ${code}; client: ${counts.sent} sent, ${counts.answered} answered, ` +
      `${counts.idleClosed} reset on an idle keep-alive connection, ${counts.dropped} failed otherwise ${JSON.stringify(dropCodes)}, ${counts.notAccepted} refused/reset before the connection was accepted; ` +
      `server: ${read} requests read over its life${workers > 1 ? ` (${stopLines.length} workers)` : ''}, ${unanswered} left unanswered: ${ok ? 'PASS (every request the server read was answered)' : 'FAIL'}`,
  );
  return ok;
}
