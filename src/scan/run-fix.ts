/**
 * `seaworthy fix` as a pipeline: the same configuration, rules, suppressions and
 * exceptions as `scan` (runScan's path), then each file's fixer for the findings
 * left after suppression, then a rescan of the fixed texts — what it still reports
 * needs a decision. Nothing is written here; the CLI decides between a diff, the
 * fixed text and `--write`.
 */
import { loadConfig } from '../config/load-config.js';
import type { Finding, ScanError } from '../model/finding.js';
import type { ScanModel } from '../model/scan-model.js';
import { buildModel } from './build-model.js';
import { detectSource } from './detect-source.js';
import { scanPaths } from './scan.js';
import { applyOverrides, configStartDir, finishScan, fullCatalogue, type RunScanOptions } from './run-scan.js';
import type { ScanResult } from '../report/scan-result.js';
import type { FailOn } from '../config/config.js';
import type { EditOperation } from '../edits/edit-operation.js';
import type { FixOptions } from '../edits/fix-options.js';
import { FIXERS } from '../edits/fixers/index.js';

export interface FixedFile {
  path: string;
  before: string;
  after: string;
  applied: EditOperation[];
}

export interface RunFixOptions extends RunScanOptions {
  fix?: FixOptions;
}

export interface RunFixResult {
  /** Files whose text changed. */
  files: FixedFile[];
  /** The scan of the fixed texts: what is left needs a decision. */
  remaining: ScanResult;
  /** The scan before fixing. */
  before: ScanResult;
  failOn: FailOn;
  configFailed: boolean;
}

/** Passes over the files: an edit dropped for overlapping another is made by the next. */
const MAX_PASSES = 3;

export async function runFix(paths: readonly string[], options: RunFixOptions = {}): Promise<RunFixResult> {
  const loaded = loadConfig(options.configPath, configStartDir(paths), fullCatalogue.map((r) => r.id));
  const config = applyOverrides(loaded.config, options.overrides ?? {});
  const toolVersion = options.toolVersion ?? '0.0.0';
  if (loaded.errors.length) {
    const result: ScanResult = { findings: [], errors: loaded.errors, rules: fullCatalogue, scanned: { files: 0 }, toolVersion };
    return { files: [], remaining: result, before: result, failOn: config.failOn, configFailed: true };
  }
  const out = await scanPaths(paths, {
    ...(options.stdin !== undefined && { stdin: options.stdin }),
    exclude: config.exclude,
    maxFileSize: config.maxFileSize,
    maxFileTime: config.maxFileTime,
    ...(options.followOutside && { followOutside: true }),
    rules: [],
  });
  const original = new Map([...out.model.files].map(([path, src]) => [path, src.text]));
  const texts = new Map(original);
  const applied = new Map<string, EditOperation[]>();
  let model: ScanModel = out.model;
  let errors: ScanError[] = out.errors;
  let scan = finishScan(model, errors, out.filesScanned, config, { ...options, configFile: loaded.file }).result;
  const before = scan;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    const byFile = groupByFile(scan.findings);
    const keptByFile = groupByFile((scan.accepted ?? []).map((a) => a.finding));
    for (const [path, findings] of byFile) {
      const text = texts.get(path);
      const source = text === undefined ? undefined : detectSource(path, text);
      const fixer = source && FIXERS[source.id];
      if (text === undefined || !fixer) continue;
      const containers = model.workloads.filter((w) => w.file === path).flatMap((w) => w.containers);
      const result = fixer({ path, text, findings, kept: keptByFile.get(path) ?? [], options: { ...config.fix, ...options.fix }, containers });
      if (result.text === text) continue;
      texts.set(path, result.text);
      applied.set(path, [...(applied.get(path) ?? []), ...result.applied]);
      changed = true;
    }
    if (!changed) break;
    const rebuilt = buildModel([...texts].map(([path, text]) => ({ path, text, explicit: true })), undefined, undefined, config.maxFileTime);
    model = rebuilt.model;
    errors = [...rebuilt.errors, ...out.errors.filter((e) => !texts.has(e.file))];
    scan = finishScan(model, errors, texts.size, config, { ...options, configFile: loaded.file }).result;
  }
  const files: FixedFile[] = [];
  for (const [path, after] of texts) {
    const beforeText = original.get(path)!;
    if (after !== beforeText) files.push({ path, before: beforeText, after, applied: applied.get(path) ?? [] });
  }
  return { files, remaining: scan, before, failOn: config.failOn, configFailed: false };
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.location.file) ?? [];
    list.push(f);
    byFile.set(f.location.file, list);
  }
  return byFile;
}
