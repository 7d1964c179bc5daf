/**
 * The per-file time budget. The size budgets (YAML alias expansion, ARG/ENV
 * expansion, file size) stop the inputs we know how to blow up; this one stops the
 * ones we do not: whatever a file makes a source do, reading it ends within the
 * budget as an error located where the work was, and the other files are read.
 *
 * It is cooperative, because a parse is synchronous and cannot be interrupted: the
 * hot loops of the sources (YAML events, Containerfile lines and instructions, run
 * lines and the nodes of the shell parser's tree, Quadlet lines and continuation
 * lines, Kubernetes documents, Compose services) call `spendAt`, `spendLine` or
 * `spend` once per unit of work. That call decrements a counter and returns; only
 * every `CHECK_EVERY` units does it read the clock, so a scan that stays inside its
 * budget pays a decrement per unit and two clock reads per file (measured: 5,000
 * manifests cost the same CPU with and without it, within noise).
 *
 * Once spent, the budget stays spent: every later call throws again, so a source
 * that catches errors around one item (and carries on with the next) still stops
 * at its next unit. `parseInto` (build-model.ts) then drops what the file added to
 * the model and reports the one budget error.
 */
import { availableParallelism } from 'node:os';
import { SourceError } from '../sources/source.js';

/**
 * Ten seconds of CPU time: about twice what the whole process spends on the 100k-line
 * PodmanArgs unit of `npm run bench -- hostile`; ordinary files take milliseconds.
 */
export const DEFAULT_FILE_TIME_MS = 10_000;

/** Units of work between two looks at the clock (a unit is a line, an event, a command). */
const CHECK_EVERY = 256;

export const BUDGET_ERROR_CODE = 'time-budget';

/** The budget of the file being read ran out; `offset` or `line` say where the work was. */
export class FileBudgetError extends SourceError {
  constructor(
    readonly limitMs: number,
    line: number | undefined,
    public offset: number | undefined,
  ) {
    super(`reading this file took more than ${formatMs(limitMs)} of CPU time (the limit per file; raise it with --max-file-time or maxFileTime); the file is not judged`, line, undefined, BUDGET_ERROR_CODE);
    this.name = 'FileBudgetError';
  }

  /** Places an error raised where no place was known (inside a library's tree) at `offset` of the file. */
  placeAt(offset: number): void {
    if (this.line === undefined && this.offset === undefined) this.offset = offset;
  }
}

/**
 * The process's CPU time in ms, not the wall clock: on a loaded CI runner (or beside
 * other scans) a file's wall time stretches with the load, and a budget on it would
 * fail the same file on one run and not the next. CPU time is what the file costs.
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

let clock: () => number = cpuMs;
let deadline = Infinity;
let limit = DEFAULT_FILE_TIME_MS;
let countdown = CHECK_EVERY;
let spent: FileBudgetError | undefined;

/*
 * Reading the CPU clock is a system call (getrusage), measured at 3 µs idle and 16–120 µs
 * per call during a scan (it sums the time of every thread, the GC's included): two
 * per file were 3–4 % of a 5,000-manifest scan. The wall clock costs well under a
 * microsecond and bounds the CPU time: the process cannot use more than the wall time
 * times the CPUs. So, with the real clock only, a look at the CPU clock is skipped
 * while the file's wall time times the CPUs is within the budget (no overrun is
 * missed), and a file's start reuses a reading at most START_REUSE_MS of wall time
 * old (the budget then counts from a little before the file: it can only be stricter,
 * by at most START_REUSE_MS times the CPUs and never by more than 1 % of the budget).
 */
const START_REUSE_MS = 50;
/** The CPUs this process may run on, read on first use. */
let cpuCount = 0;
let lastReading = { cpu: 0, wall: -Infinity };
let startWall = 0;

function realClockNow(): number {
  const cpu = cpuMs();
  lastReading = { cpu, wall: performance.now() };
  return cpu;
}

/** True when the file cannot have spent its budget yet: its wall time times the CPUs is within it. */
function surelyWithin(): boolean {
  return clock === cpuMs && (performance.now() - startWall) * cpuCountNow() <= limit;
}

function cpuCountNow(): number {
  return (cpuCount ||= Math.max(availableParallelism(), 1));
}

/** Starts the budget of one file (`parseInto` calls it; a budget of Infinity is none). */
export function startFileBudget(limitMs: number = DEFAULT_FILE_TIME_MS): void {
  limit = limitMs;
  if (clock === cpuMs) {
    startWall = performance.now();
    // Stricter by at most 1 % of the budget: a small budget reads the clock afresh.
    const reuse = Math.min(START_REUSE_MS, limitMs / (100 * cpuCountNow()));
    deadline = (startWall - lastReading.wall <= reuse ? lastReading.cpu : realClockNow()) + limitMs;
  } else deadline = clock() + limitMs;
  countdown = CHECK_EVERY;
  spent = undefined;
}

/**
 * Ends the budget of the file; returns the error when it ran out, or when the file
 * took longer than the budget in work no hook could interrupt (one library call).
 */
export function endFileBudget(): FileBudgetError | undefined {
  const over = spent ?? (!surelyWithin() && now() > deadline ? new FileBudgetError(limit, undefined, undefined) : undefined);
  deadline = Infinity;
  spent = undefined;
  return over;
}

function now(): number {
  return clock === cpuMs ? realClockNow() : clock();
}

/** One unit of work at character `offset` of the file being read. */
export function spendAt(offset: number): void {
  if (--countdown > 0 && spent === undefined) return;
  look(undefined, offset);
}

/** One unit of work at no place in particular (a walk over a library's parse tree). */
export function spend(): void {
  if (--countdown > 0 && spent === undefined) return;
  look(undefined, undefined);
}

/** One unit of work at `line` (1-based) of the file being read. */
export function spendLine(line: number): void {
  if (--countdown > 0 && spent === undefined) return;
  look(line, undefined);
}

function look(line: number | undefined, offset: number | undefined): void {
  countdown = CHECK_EVERY;
  if (spent) throw spent;
  if (surelyWithin() || now() <= deadline) return;
  spent = new FileBudgetError(limit, line, offset);
  throw spent;
}

/** What `parseDuration` reads, for the configuration's JSON Schema. */
export const DURATION_PATTERN = '^\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?\\s*$';
const DURATION = new RegExp(DURATION_PATTERN);

/**
 * Replaces the clock (tests: a clock that moves a fixed step per reading makes the
 * budget a count of units, so the tests assert outcomes without timing anything).
 * Returns the function that puts the real clock back.
 */
export function useClock(next: () => number): () => void {
  clock = next;
  return () => {
    clock = cpuMs;
  };
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * `10s`, `1.5s`, `500ms`, `2m`, `1h`, or a bare number of seconds → milliseconds;
 * undefined when it is none of these or not positive.
 *
 * @example
 * parseDuration('500ms'); // 500
 */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : m[2] === 'h' ? 3_600_000 : 1000);
  return n > 0 && Number.isFinite(n) ? Math.max(1, Math.round(n)) : undefined;
}
