/**
 * The library entry point: read → parse → check → suppress. The CLI is a thin
 * shell around this.
 */
import type { Finding, ScanError } from '../model/finding.js';
import { emptyModel, type ScanModel } from '../model/scan-model.js';
import type { RuleDefinition, RuleSettings } from '../rules/rule.js';
import { rules as allRules } from '../rules/index.js';
import { runRules, type EngineFinding } from '../engine/run-rules.js';
import type { Severity } from '../model/severity.js';
import { parseInto } from './build-model.js';
import { groupOwnedPods } from '../sources/kubernetes/group-owned-pods.js';
import { discoverFiles } from './discover-files.js';
import { DEFAULT_MAX_FILE_SIZE, decodeInput, readInputFileSync } from './read-input.js';
import { compareLocations } from '../model/location.js';

export interface ScanOptions {
  /** Text of standard input when `-` is among the paths. */
  stdin?: string | Uint8Array;
  exclude?: readonly string[];
  maxFileSize?: number;
  rules?: readonly RuleDefinition[];
  settings?: Partial<RuleSettings>;
  severities?: Record<string, Severity>;
}

export interface ScanOutput {
  findings: EngineFinding[];
  errors: ScanError[];
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
  const { files, errors: walkErrors } = await discoverFiles(onDisk, { exclude: options.exclude ?? [] });
  errors.push(...walkErrors);
  let filesScanned = 0;
  if (paths.includes('-')) {
    const bytes = typeof options.stdin === 'string' ? Buffer.from(options.stdin) : options.stdin ?? new Uint8Array();
    const read = decodeInput('<stdin>', bytes);
    if ('error' in read) errors.push(read.error);
    else if (parseInto({ path: '<stdin>', text: read.text, explicit: true }, model, errors)) filesScanned++;
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
    if (parseInto({ path: file.path, text: read.text, explicit: file.explicit }, model, errors)) filesScanned++;
  }
  // Pods of a live dump are judged as the workloads that own them: one finding per Deployment, not per pod.
  groupOwnedPods(model);
  const findings = checkModel(model, options);
  return { findings, errors: sortErrors(errors), model, filesScanned };
}

/** Runs the rules over a model already built. */
export function checkModel(model: ScanModel, options: Pick<ScanOptions, 'rules' | 'settings' | 'severities'> = {}): EngineFinding[] {
  const findings = runRules(model, {
    rules: options.rules ?? allRules.filter((r) => !r.defaultOff),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    ...(options.severities && { severities: options.severities }),
  });
  return sortFindings(findings);
}

export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return findings.sort((a, b) => compareLocations(a.location, b.location) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

function sortErrors(errors: ScanError[]): ScanError[] {
  return errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

