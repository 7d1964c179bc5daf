/**
 * `npm run bench -- hostile`: every attack class of issue 9, built here, run through
 * `seaworthy` as a child process; prints wall time, peak RSS, exit code and the first
 * error line of each. With SEAWORTHY_BEFORE=DIR (a built checkout of an older commit)
 * each case runs on that build too, so the table shows before and after
 * (SEAWORTHY_AFTER=DIR runs another checkout as "after" instead of this one).
 *
 * Both builds get the same caps: a V8 heap of 4 GiB, an RSS watchdog (HOSTILE_RSS_CAP_MB,
 * default 4096) and a deadline (HOSTILE_TIMEOUT_S, default 120; the slow-drip registry
 * gets 200 s, past the 2-minute registry deadline). A run stopped by a cap is reported as
 * "killed after N s" or "RSS cap at N MB": that is the before figure for an attack that
 * would otherwise hang or exhaust the machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzip, tarOf, writeLayout } from '../test/support/oci-craft.js';
import { argDoubling, billionLaughs, mergeBomb } from '../test/support/hostile.js';
import { ROOT } from './measure.js';

interface Case {
  name: string;
  /** Writes the input under `dir`; returns the seaworthy arguments (the report goes to `out`). */
  make(dir: string, out: string): Promise<string[]> | string[];
  env?: Record<string, string>;
  timeoutS?: number;
  /** Flags only the current build knows: the case runs on the current build alone. */
  afterFlags?: string[];
}

interface Outcome {
  wallS: number;
  /** User + system CPU of the process (sampled from /proc; the zstd child not counted). */
  cpuS: number;
  peakMb: number;
  exit: string;
  first: string;
}

const TIMEOUT_S = Number(process.env['HOSTILE_TIMEOUT_S'] ?? 120);
const RSS_CAP_MB = Number(process.env['HOSTILE_RSS_CAP_MB'] ?? 4096);
const VICTIM = 'FROM alpine:3.20\nUSER root\n';

const write = (dir: string, files: Record<string, string>): void => {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
};

/** A scan of `dir` (with an ordinary Containerfile beside the attack) reported as JSON to `out`. */
const scan = (dir: string, out: string, files: Record<string, string>, format = 'json'): string[] => {
  write(dir, { Containerfile: VICTIM, ...files });
  return ['scan', dir, '--format', format, '--output', out];
};

function lines(n: number, line: (i: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(line(i));
  return parts.join('');
}

/** A Compose file of 10,000 services with about ten findings each. */
const manyFindings = (): string => 'services:\n' + lines(10_000, (i) => `  s${i}:\n    image: registry.example.com/app${i}\n    privileged: true\n    network_mode: host\n`);

/** A ustar header for one regular file of `size` bytes. */
function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** The registry for the slow-drip case: a manifest trickled one byte every 5 s. */
let dripServer: http.Server | undefined;
async function dripRegistry(): Promise<string> {
  dripServer = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
    const tick = setInterval(() => res.write(' '), 5_000);
    res.on('close', () => clearInterval(tick));
  });
  await new Promise<void>((r) => dripServer!.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(dripServer.address() as AddressInfo).port}`;
}

const CASES: Case[] = [
  { name: 'billion laughs in an unused x- key of a Compose file', make: (d, o) => scan(d, o, { 'compose.yaml': `x-bomb:\n${billionLaughs('  ')}services:\n  web:\n    image: nginx:1\n` }) },
  { name: 'billion laughs in a Kubernetes manifest', make: (d, o) => scan(d, o, { 'pod.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1\nx:\n${billionLaughs('  ')}` }) },
  { name: 'merge keys doubling 30 times (Compose)', make: (d, o) => scan(d, o, { 'compose.yaml': `${mergeBomb()}services:\n  web:\n    image: nginx:1\n` }) },
  { name: 'ARG A=$A$A$A$A, 60 lines', make: (d, o) => scan(d, o, { 'sub/Containerfile': argDoubling() }) },
  {
    name: 'Compose extends fan-out over 30 files',
    make: (d, o) => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 30; i++) {
        let y = 'services:\n';
        for (const [s, other] of [['a', 'b'], ['b', 'a']]) {
          y += `  ${s}:\n    image: nginx:1\n`;
          y += i + 1 < 30 ? `    extends:\n      file: f${i + 1}.yaml\n      service: ${other}\n` : '    privileged: true\n';
        }
        files[i === 0 ? 'compose.yaml' : `f${i}.yaml`] = y + '  c:\n    extends: a\n  d:\n    extends: b\n';
      }
      write(d, { Containerfile: VICTIM, ...files });
      return ['scan', join(d, 'compose.yaml'), join(d, 'Containerfile'), '--format', 'json', '--output', o];
    },
  },
  { name: 'Quadlet Environment= over 100k continuation lines', make: (d, o) => scan(d, o, { 'web.container': '[Container]\nImage=nginx:1\nEnvironment=' + lines(100_000, (i) => `X${i}=1 \\\n`) + 'LAST=1\n' }) },
  { name: 'Quadlet PodmanArgs= of 100k lines', make: (d, o) => scan(d, o, { 'web.container': '[Container]\nImage=nginx:1\nPodmanArgs=' + lines(100_000, (i) => `--env X${i}=1 \\\n`) + '--privileged\n' }) },
  { name: 'script of 100k run lines', make: (d, o) => scan(d, o, { 'deploy.sh': '#!/bin/sh\n' + lines(100_000, (i) => `podman run --rm -v /srv/d${i}:/data nginx:1.${i}\n`) }) },
  {
    name: 'script of 100k run lines, --max-file-time 10m',
    make: (d, o) => scan(d, o, { 'deploy.sh': '#!/bin/sh\n' + lines(100_000, (i) => `podman run --rm -v /srv/d${i}:/data nginx:1.${i}\n`) }),
    afterFlags: ['--max-file-time', '10m'],
    timeoutS: 300,
  },
  { name: '100k findings, text report', make: (d, o) => scan(d, o, { 'compose.yaml': manyFindings() }, 'text') },
  { name: '100k findings, JSON report', make: (d, o) => scan(d, o, { 'compose.yaml': manyFindings() }, 'json') },
  { name: '100k findings, SARIF report', make: (d, o) => scan(d, o, { 'compose.yaml': manyFindings() }, 'sarif') },
  {
    name: 'truncated layer (tar cut mid-entry)',
    make: async (d, o) => {
      const good = gzip(await tarOf([{ name: 'bin/sh', content: 'x' }]));
      const whole = await tarOf([{ name: 'etc/data', content: Buffer.alloc(100_000, 7) }]);
      return ['image', writeLayout(d, [{ blob: good }, { blob: whole.subarray(0, 20_000) }]), '--format', 'json', '--output', o];
    },
  },
  {
    name: 'OCI layout: manifest blob is /dev/zero',
    make: async (d, o) => {
      const ref = writeLayout(d, [{ blob: gzip(await tarOf([{ name: 'a', content: 'a' }])) }]);
      const index = JSON.parse(readFileSync(join(d, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
      const manifest = join(d, 'blobs', 'sha256', index.manifests[0]!.digest.slice(7));
      unlinkSync(manifest);
      symlinkSync('/dev/zero', manifest);
      return ['image', ref, '--format', 'json', '--output', o];
    },
  },
  {
    name: 'OCI layout: index.json is a FIFO',
    make: async (d, o) => {
      const ref = writeLayout(d, [{ blob: gzip(await tarOf([{ name: 'a', content: 'a' }])) }]);
      unlinkSync(join(d, 'index.json'));
      spawnSync('mkfifo', [join(d, 'index.json')]);
      return ['image', ref, '--format', 'json', '--output', o];
    },
  },
  {
    name: 'dpkg database of 250k packages (--sbom)',
    make: async (d, o) => {
      const status = lines(250_000, (i) => `Package: pkg${i}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.${i}-1\n\n`);
      const blob = gzip(await tarOf([{ name: 'var/lib/dpkg/status', content: status }, { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID=12\n' }]));
      return ['image', writeLayout(d, [{ blob }]), '--sbom', 'cyclonedx', '--output', o];
    },
  },
  {
    name: 'zstd bomb: 2 GiB of zeros in 64 KiB (pure-JS decoder)',
    env: { SEAWORTHY_ZSTD: 'fzstd' },
    make: (d, o) => {
      mkdirSync(d, { recursive: true });
      const header = join(d, 'header.bin');
      const fd = openSync(header, 'w');
      writeSync(fd, tarHeader('big', 2 ** 31));
      closeSync(fd);
      const layer = join(d, 'layer.zst');
      spawnSync('sh', ['-c', `(cat '${header}'; head -c ${2 ** 31} /dev/zero; head -c 1024 /dev/zero) | zstd -c -q > '${layer}'`]);
      const ref = writeLayout(join(d, 'img'), [{ blob: readFileSync(layer) }]);
      return ['image', ref, '--format', 'json', '--output', o];
    },
  },
  {
    name: 'registry that sends one byte every 5 s',
    timeoutS: 200,
    make: async (_d, o) => ['image', `docker://${await dripRegistry()}/team/app:v1`, '--tls-verify=false', '--format', 'json', '--output', o],
  },
];

/** Runs one build's CLI on a case; samples /proc for peak RSS; enforces the caps. */
async function runOne(bin: string, args: string[], out: string, env: Record<string, string>, timeoutS: number): Promise<Outcome> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--max-old-space-size=4096', bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    if (stderr.length < 1 << 16) stderr += c.toString('utf8');
  });
  let peakKb = 0;
  let ticks = 0;
  let killedBy: string | undefined;
  const sample = setInterval(() => {
    try {
      // utime and stime, fields 14 and 15 of /proc/PID/stat (after the parenthesised name).
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks = Number(fields[11]) + Number(fields[12]);
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakKb = Math.max(peakKb, hwm, rss);
      if (rss / 1024 > RSS_CAP_MB && !killedBy) {
        killedBy = `RSS cap at ${Math.round(rss / 1024)} MB`;
        child.kill('SIGKILL');
      }
    } catch {
      // gone
    }
  }, 50);
  const timer = setTimeout(() => {
    killedBy ??= `killed after ${timeoutS} s`;
    child.kill('SIGKILL');
  }, timeoutS * 1000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on('exit', (c, s) => r([c, s])));
  clearInterval(sample);
  clearTimeout(timer);
  const wallS = (Date.now() - started) / 1000;
  const exit = killedBy ?? (signal ? `signal ${signal}` : `exit ${code}`);
  // Clock ticks are 1/100 s on Linux (sysconf(_SC_CLK_TCK) = 100).
  return { wallS, cpuS: ticks / 100, peakMb: Math.round(peakKb / 1024), exit, first: firstError(out, stderr).split(join(out, '..')).join('…') };
}

/** The first error of the JSON report, else the first line on standard error. */
function firstError(out: string, stderr: string): string {
  try {
    if (existsSync(out) && statSync(out).size < 64 << 20) {
      const report = JSON.parse(readFileSync(out, 'utf8')) as { errors?: { file: string; line?: number; message: string }[] };
      const e = report.errors?.[0];
      if (e) return `${e.file.split('/').slice(-1)[0]}${e.line ? `:${e.line}` : ''}: ${e.message}`;
      if (report.errors) return '(no error)';
    }
  } catch {
    // not JSON (text, SARIF, SBOM): fall through
  }
  const line = stderr.split('\n').find((l) => /error|FATAL|seaworthy:/i.test(l)) ?? stderr.split('\n').find((l) => l.trim()) ?? '';
  return line.trim() || '—';
}

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);
const fmt = (o: Outcome): string => `${o.wallS.toFixed(1)} s (CPU ${o.cpuS.toFixed(1)} s), ${o.peakMb} MB, ${o.exit}`;

export async function runHostileBench(): Promise<void> {
  const before = process.env['SEAWORTHY_BEFORE'];
  // SEAWORTHY_AFTER: a copy of this build, so the tree can be rebuilt while the bench runs.
  const builds: [string, string][] = [['after', join(process.env['SEAWORTHY_AFTER'] ?? ROOT, 'bin/seaworthy.js')]];
  if (before) builds.unshift(['before', join(before, 'bin/seaworthy.js')]);
  const only = process.env['HOSTILE_ONLY'];
  console.log(`hostile inputs (caps: ${TIMEOUT_S} s, RSS ${RSS_CAP_MB} MB, V8 heap 4096 MB)${before ? `; before = ${before}` : ''}`);
  const rows: string[] = [];
  for (const c of CASES) {
    if (only && !c.name.includes(only)) continue;
    const dir = mkdtempSync(join(tmpdir(), 'seaworthy-hostile-bench-'));
    try {
      const out = join(dir, 'report.out');
      const args = await c.make(join(dir, 'in'), out);
      const cells: string[] = [];
      for (const [label, bin] of builds) {
        if (label === 'before' && c.afterFlags) {
          cells.push('(as the row above)', '');
          continue;
        }
        rmSync(out, { force: true });
        const o = await runOne(bin, label === 'after' ? [...args, ...(c.afterFlags ?? [])] : args, out, c.env ?? {}, c.timeoutS ?? TIMEOUT_S);
        console.log(`${c.name} [${label}]: ${fmt(o)}; ${clip(o.first, 160)}`);
        cells.push(fmt(o), clip(o.first.replace(/\|/g, '\\|'), 90));
      }
      rows.push(`| ${c.name} | ${cells.join(' | ')} |`);
    } finally {
      dripServer?.close();
      dripServer = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log('');
  console.log(before ? '| attack | before | first error before | after | first error after |' : '| attack | after | first error |');
  console.log(before ? '|---|---|---|---|---|' : '|---|---|---|');
  for (const r of rows) console.log(r);
}
