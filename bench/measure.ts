/**
 * Timing helpers for benchmarks: run a command several times, interleaved with
 * its baseline, and compare medians. Absolute times on a shared machine are
 * noise; the ratio to a baseline measured in the same run is the figure.
 */
import { spawnSync } from 'node:child_process';

export interface Timing {
  medianMs: number;
  runsMs: number[];
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs a process to completion and returns its wall time; throws if it fails unexpectedly. */
export function timeProcess(cmd: string, args: string[], okCodes: number[] = [0]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status === null || !okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
  return ms;
}

/** Interleaves runs of a subject and its baseline; returns both timings and the ratio of medians. */
export function compare(runs: number, subject: () => number, baseline: () => number): { subject: Timing; baseline: Timing; ratio: number } {
  const s: number[] = [];
  const b: number[] = [];
  subject();
  baseline(); // warm the file cache for both
  for (let i = 0; i < runs; i++) {
    b.push(baseline());
    s.push(subject());
  }
  const sm = median(s);
  const bm = median(b);
  return { subject: { medianMs: sm, runsMs: s }, baseline: { medianMs: bm, runsMs: b }, ratio: sm / bm };
}
