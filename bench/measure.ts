/**
 * Measuring helpers for benchmarks: run a command several times, alternating with
 * its baseline, and compare medians of CPU and wall time and the peak RSS of each.
 * Absolute times on a shared machine are noise; the ratio to a baseline measured in
 * the same run on the same input is the figure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/ compiles to dist/bench/). */
export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const SEAWORTHY = join(ROOT, 'bin/seaworthy.js');
const RUSAGE = join(ROOT, 'bench/rusage.py');

export interface Run {
  wallMs: number;
  /** User + system CPU of the process and the children it waited for. */
  cpuMs: number;
  peakRssMb: number;
}

export interface Side {
  /** Medians over the runs. */
  wallMs: number;
  cpuMs: number;
  /** The largest peak RSS of any run. */
  peakRssMb: number;
  runs: Run[];
}

export interface Comparison {
  subject: Side;
  baseline: Side;
  cpuRatio: number;
  wallRatio: number;
  rssRatio: number;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs a process to completion under bench/rusage.py; throws if it exits with a code
 * not in `okCodes` (a scan with findings exits 1).
 */
export function runProcess(cmd: string, args: string[], options: { okCodes?: number[]; cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Run {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-rusage-'));
  try {
    const out = join(dir, 'usage.json');
    const r = spawnSync('python3', [RUSAGE, out, cmd, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), ...(options.timeoutMs !== undefined && { RUSAGE_TIMEOUT_S: String(Math.ceil(options.timeoutMs / 1000)) }) },
    });
    const okCodes = options.okCodes ?? [0];
    if (r.error) throw r.error;
    if (r.status === null || !okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
    const u = JSON.parse(readFileSync(out, 'utf8')) as { wallMs: number; cpuMs: number; peakRssKb: number };
    return { wallMs: u.wallMs, cpuMs: u.cpuMs, peakRssMb: u.peakRssKb / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function side(runs: Run[]): Side {
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    runs,
  };
}

/** Summarises runs of one command alone (no baseline). */
export function measureRuns(runs: number, subject: () => Run): Side {
  subject(); // warm the file cache
  return side(Array.from({ length: runs }, () => subject()));
}

/**
 * One warm-up each, then `runs` alternating runs of baseline and subject (at least
 * five): medians of CPU and wall time, and the largest peak RSS of each.
 */
export function compareProcesses(runs: number, subject: () => Run, baseline: () => Run): Comparison {
  const s: Run[] = [];
  const b: Run[] = [];
  subject();
  baseline(); // warm the file cache for both
  for (let i = 0; i < Math.max(runs, 5); i++) {
    b.push(baseline());
    s.push(subject());
  }
  const subjectSide = side(s);
  const baselineSide = side(b);
  return {
    subject: subjectSide,
    baseline: baselineSide,
    cpuRatio: subjectSide.cpuMs / baselineSide.cpuMs,
    wallRatio: subjectSide.wallMs / baselineSide.wallMs,
    rssRatio: subjectSide.peakRssMb / baselineSide.peakRssMb,
  };
}

const ms = (x: number): string => `${x.toFixed(0)} ms`;

/** Prints both sides and the three ratios of a comparison. */
export function printComparison(title: string, subjectLabel: string, baselineLabel: string, c: Comparison): void {
  const width = Math.max(subjectLabel.length, baselineLabel.length);
  const line = (label: string, x: Side) =>
    `  ${label.padEnd(width)}  CPU ${ms(x.cpuMs).padStart(9)}  wall ${ms(x.wallMs).padStart(9)}  peak RSS ${x.peakRssMb.toFixed(0).padStart(5)} MB`;
  console.log(`${title} (medians of ${c.subject.runs.length} alternating runs)`);
  console.log(line(baselineLabel, c.baseline));
  console.log(line(subjectLabel, c.subject));
  console.log(`  ratios: CPU ${c.cpuRatio.toFixed(2)}×  wall ${c.wallRatio.toFixed(2)}×  peak RSS ${c.rssRatio.toFixed(2)}×`);
}

export interface Target {
  name: string;
  measured: number;
  op: '<=' | '>=';
  limit: number;
  unit: string;
  met: boolean;
}

/** A target of issue 11 and whether the measured figure meets it. */
export function target(name: string, measured: number, op: '<=' | '>=', limit: number, unit = '×'): Target {
  return { name, measured, op, limit, unit, met: op === '<=' ? measured <= limit : measured >= limit };
}

export function formatTarget(t: Target): string {
  const fmt = (x: number) => (t.unit === '×' ? `${x.toFixed(2)}×` : `${x.toFixed(1)} ${t.unit}`);
  return `  ${t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${fmt(t.measured)} (target ${t.op} ${fmt(t.limit)})`;
}

export function printTargets(targets: Target[]): void {
  for (const t of targets) console.log(formatTarget(t));
}
