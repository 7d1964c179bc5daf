/**
 * Hostile inputs for the bounded-work tests: each builder writes what an attacker
 * would commit, and `scanInChild` scans it in a child process with a capped heap
 * and a deadline, so a regression fails the test instead of taking the runner down.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './prerequisites.js';

export interface ChildScan {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  report: { findings: { ruleId: string; location: { file: string; startLine: number } }[]; errors: { file: string; line?: number; column?: number; message: string; code: string }[] } | undefined;
}

/**
 * Runs `seaworthy scan … --format json` with a heap cap (MiB) and a deadline (ms).
 * The deadline is a bound, not a speed measure: it is minutes where the work takes
 * seconds, and only a hang or an exponential blow-up reaches it.
 */
export function scanInChild(args: string[], heapMb = 384, deadlineMs = 180_000): ChildScan {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, join(repoRoot, 'bin/seaworthy.js'), 'scan', ...args, '--format', 'json'], {
    encoding: 'utf8',
    timeout: deadlineMs,
    maxBuffer: 512 * 1024 * 1024,
  });
  let report: ChildScan['report'];
  try {
    report = JSON.parse(r.stdout) as ChildScan['report'];
  } catch {
    report = undefined;
  }
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, report };
}

/** A "billion laughs": nine levels of nine aliases, 10⁹ scalars once expanded, in a few hundred bytes. */
export function billionLaughs(indent = ''): string {
  let y = `${indent}a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  for (let i = 1; i <= 9; i++) y += `${indent}a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
  return y;
}

/** Merge keys that double at each of 30 levels: 2³⁰ mappings once expanded. */
export function mergeBomb(): string {
  let y = 'x-m0: &m0 {a: 1, b: 2, c: 3, d: 4}\n';
  for (let i = 1; i <= 30; i++) y += `x-m${i}: &m${i}\n  <<: [*m${i - 1}]\n  k${i}: *m${i - 1}\n  j${i}: *m${i - 1}\n`;
  return y;
}

/** `ARG A=$A$A$A$A` repeated: A quadruples per line. */
export function argDoubling(lines = 60): string {
  let t = 'FROM alpine:3.20\nARG A=xxxxxxxx\n';
  for (let i = 0; i < lines; i++) t += 'ARG A=$A$A$A$A\n';
  return t + 'ENV B=$A\nUSER 0\n';
}
