/**
 * The library entry point: read → parse → check → suppress. The CLI is a thin
 * shell around this.
 */
import type { Finding, ScanError, ScanWarning } from '../model/finding.js';
import { emptyModel, type ScanModel } from '../model/scan-model.js';
import type { RuleDefinition, RuleSettings } from '../rules/rule.js';
import { rules as allRules } from '../rules/index.js';
import { runRules, type EngineFinding, type RunRulesOptions } from '../engine/run-rules.js';
import { CheckAsRead, canCheckAsRead } from './check-as-read.js';
import type { Severity } from '../model/severity.js';
import { parseWith } from './parse-file.js';
import { detectKind } from '../sources/source-kinds.js';
import { groupOwnedPods } from '../sources/kubernetes/group-owned-pods.js';
import { discoverFiles } from './discover-files.js';
import { DEFAULT_MAX_FILE_SIZE, decodeInput, readInputFileSync } from './read-input.js';
import { compareLocations } from '../model/location.js';
import { scanBoundary } from './scan-boundary.js';
import { DEFAULT_FILE_TIME_MS } from './file-budget.js';
import { statSync } from 'node:fs';

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export interface ScanOptions {
  /** Text of standard input when `-` is among the paths. */
  stdin?: string | Uint8Array;
  /** What standard input is (`--stdin-filename Containerfile`): its kind and the name findings carry. */
  stdinFilename?: string;
  exclude?: readonly string[];
  /** `--follow-outside`: read files inputs name (and symlinks lead to) outside the scanned roots. */
  followOutside?: boolean;
  maxFileSize?: number;
  /** Reading one file may take this long (ms; see file-budget.ts). */
  maxFileTime?: number;
  rules?: readonly RuleDefinition[];
  settings?: Partial<RuleSettings>;
  severities?: Record<string, Severity>;
  /**
   * Check each file as it is read and keep only what the cross-file rules need
   * (check-as-read.ts): the findings are the same, memory stays near the findings'.
   * The model that comes back is then slimmed (no pod trees, no file texts). Off for
   * scans with Quadlet units, whose `.kube` files change pods read before them.
   */
  checkAsRead?: boolean;
}

export interface ScanOutput {
  findings: EngineFinding[];
  errors: ScanError[];
  /** The model's warnings, sorted (the same array as `model.warnings`). */
  warnings: ScanWarning[];
  model: ScanModel;
  filesScanned: number;
}

export const DEFAULT_SETTINGS: RuleSettings = {
  trustedRegistries: [],
  dangerousCapabilities: ['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_TIME', 'SYS_PTRACE', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_BOOT', 'DAC_READ_SEARCH', 'NET_RAW', 'BPF', 'PERFMON', 'MAC_ADMIN', 'MAC_OVERRIDE'],
  untrusted: { namespaces: [], labels: {} },
  sandboxRuntimes: ['gvisor', 'runsc', 'kata', 'kata-containers', 'kata-qemu', 'kata-clh', 'kata-fc'],
  options: {},
};

/**
 * Scans files, directories and (with `-`) standard input.
 *
 * @example
 * const { findings, errors } = await scanPaths(['k8s/', 'Containerfile']);
 */
export async function scanPaths(paths: readonly string[], options: ScanOptions = {}): Promise<ScanOutput> {
  const model = emptyModel();
  const errors: ScanError[] = [];
  const onDisk = paths.filter((p) => p !== '-');
  model.boundary = scanBoundary(paths, options.followOutside ?? false, isDirectory);
  const { files, errors: walkErrors, warnings: walkWarnings, excluded } = await discoverFiles(onDisk, { exclude: options.exclude ?? [], boundary: model.boundary });
  errors.push(...walkErrors);
  model.warnings.push(...walkWarnings);
  let filesScanned = 0;
  const timeLimit = options.maxFileTime ?? DEFAULT_FILE_TIME_MS;
  const stdinName = paths.includes('-') ? options.stdinFilename ?? '<stdin>' : undefined;
  const checker = options.checkAsRead && canCheckAsRead([...files.map((f) => f.path), ...(stdinName !== undefined ? [stdinName] : [])]) ? new CheckAsRead(model, ruleOptions(options)) : undefined;
  if (stdinName !== undefined) {
    const bytes = typeof options.stdin === 'string' ? Buffer.from(options.stdin) : options.stdin ?? new Uint8Array();
    const read = decodeInput(stdinName, bytes);
    const mark = checker?.mark();
    if ('error' in read) errors.push(read.error);
    else if (parseWith(await detectKind(stdinName, read.text)?.load(), { path: stdinName, text: read.text, explicit: true }, model, errors, timeLimit)) {
      filesScanned++;
      checker?.afterFile(stdinName, mark!, false);
    }
  }
  // Files are read synchronously, one at a time and in order: the model and report are
  // deterministic, and sync reads of cached files cost less CPU than a promise pipeline.
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  for (const file of files) {
    const read = readInputFileSync(file.path, maxSize);
    if ('error' in read) {
      if (!file.guessed || read.error.code === 'read') errors.push(read.error);
      continue;
    }
    // Only the parsers of the kinds among the inputs are loaded (sources/source-kinds.ts).
    const source = await detectKind(file.path, read.text)?.load();
    const mark = checker?.mark();
    if (parseWith(source, { path: file.path, text: read.text, explicit: file.explicit }, model, errors, timeLimit)) {
      filesScanned++;
      checker?.afterFile(file.path, mark!, true);
    }
  }
  // Pods of a live dump are judged as the workloads that own them: one finding per Deployment, not per pod.
  if (!checker) groupOwnedPods(model);
  if (filesScanned === 0 && excluded > 0) {
    // Exclude patterns that leave nothing are a configuration silencing the scan: say so.
    model.warnings.push({ file: onDisk.join(', ') || '<stdin>', message: `nothing was checked: exclude patterns (${(options.exclude ?? []).join(', ')}) removed all ${excluded} candidate path${excluded === 1 ? '' : 's'}`, code: 'all-excluded' });
  } else if (filesScanned === 0 && errors.length === 0) {
    // An empty report must not look like a clean one: say why nothing was checked.
    const where = onDisk.length ? onDisk.join(', ') : '<stdin>';
    const why = files.length
      ? `${files.length} file${files.length === 1 ? '' : 's'} looked like inputs (.yaml, scripts…) but none is a Containerfile, Kubernetes manifest, Compose file, Quadlet unit or script with a podman/docker run line`
      : 'no file has a name seaworthy reads (Containerfile, *.yaml, compose.yaml, *.container, *.sh, Makefile, *.md…)';
    model.warnings.push({ file: where, message: `nothing was checked: ${why}`, code: 'nothing-scanned' });
  }
  const findings = checker ? sortFindings(await checker.finish(errors, timeLimit, maxSize)) : checkModel(model, options);
  return { findings, errors: sortErrors(uniqueErrors(errors)), warnings: sortErrors(model.warnings), model, filesScanned };
}

/** Runs the rules over a model already built. */
export function checkModel(model: ScanModel, options: Pick<ScanOptions, 'rules' | 'settings' | 'severities'> = {}): EngineFinding[] {
  return sortFindings(runRules(model, ruleOptions(options)));
}

function ruleOptions(options: Pick<ScanOptions, 'rules' | 'settings' | 'severities'>): RunRulesOptions {
  return {
    rules: options.rules ?? allRules.filter((r) => !r.defaultOff),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    ...(options.severities && { severities: options.severities }),
  };
}

export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return findings.sort((a, b) => compareLocations(a.location, b.location) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** The same error twice (a file parsed again for a later project, sources/compose/load-compose.ts) is reported once. */
function uniqueErrors(errors: ScanError[]): ScanError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.file}\u0000${e.line ?? ''}\u0000${e.column ?? ''}\u0000${e.code}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortErrors<T extends ScanError>(errors: T[]): T[] {
  return errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

