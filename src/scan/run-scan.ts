/**
 * A whole scan as users run it: configuration → rules → read, parse, check →
 * suppressions and exceptions → one ScanResult. The CLI and the library's `scan`
 * both come through here, so they cannot disagree.
 */
import type { LoadImageOptions } from '../sources/image/load-image.js';
import { redactResult } from '../secrets/redact-result.js';
import { dirname } from 'node:path';
import { statSync } from 'node:fs';
import { loadConfigLazily } from '../config/load-config-lazily.js';
import type { Config, FailOn } from '../config/config.js';
import { selectRules, settingsFromConfig } from '../config/settings-from-config.js';
import { applySuppressions } from '../engine/suppressions.js';
import { metaRules } from '../engine/meta-rules.js';
import type { Finding, ScanError } from '../model/finding.js';
import { rules as catalogue } from '../rules/index.js';
import type { RuleDefinition } from '../rules/rule.js';
import { sortFindings, type ScanResult } from '../report/scan-result.js';
import { checkModel, scanPaths } from './scan.js';
import type { EngineFinding } from '../engine/run-rules.js';
import { emptyModel, type ScanModel } from '../model/scan-model.js';

/** Command-line values that override the configuration file when given. */
export interface ScanOverrides {
  failOn?: FailOn;
  trustedRegistries?: string[];
  exclude?: string[];
  maxFileSize?: number;
  /** `--max-file-time`, in ms. */
  maxFileTime?: number;
  podSecurity?: Config['podSecurity'];
  /** `--rule`: run only these rules. */
  only?: string[];
  /** Rules outside this list never run (image scanners); the configured selection still applies inside it. */
  scope?: string[];
}

export interface RunScanOptions {
  /** `--config`; otherwise `.seaworthy.yaml` is looked up from the first path upwards. */
  configPath?: string;
  overrides?: ScanOverrides;
  stdin?: Uint8Array | string;
  /** `--stdin-filename`: what standard input is. */
  stdinFilename?: string;
  /** `--follow-outside`: read files inputs name outside the scanned tree (never a configuration key). */
  followOutside?: boolean;
  /** For exception expiry; default now. */
  today?: Date;
  toolVersion?: string;
  /**
   * Check files as they are read (default; scan/check-as-read.ts). False checks the
   * whole model at the end, as before: same report, more memory (tests compare the two).
   */
  checkAsRead?: boolean;
  /** `--resolve-images`: check signatures of referenced images `signatures:` requires (src/signatures), with these registry options. */
  resolveImages?: LoadImageOptions;
}

export interface RunScanResult {
  result: ScanResult;
  failOn: FailOn;
  model: ScanModel;
  /** True when the configuration itself was unusable (nothing was scanned). */
  configFailed: boolean;
}

/** Every rule `seaworthy rules` lists: the catalogue plus the suppression meta-rules. */
export const fullCatalogue: readonly RuleDefinition[] = [...catalogue, ...metaRules];

export async function runScan(paths: readonly string[], options: RunScanOptions = {}): Promise<RunScanResult> {
  const startDir = configStartDir(paths);
  const loaded = await loadConfigLazily(options.configPath, startDir, fullCatalogue.map((r) => r.id));
  const config = applyOverrides(loaded.config, options.overrides ?? {});
  const toolVersion = options.toolVersion ?? '0.0.0';
  if (loaded.errors.length) {
    // A broken configuration could silently switch checks off: stop here.
    return { result: redactResult({ findings: [], errors: loaded.errors, rules: fullCatalogue, scanned: { files: 0 }, toolVersion }), failOn: config.failOn, model: emptyModel(), configFailed: true };
  }
  // Signatures are resolved over the whole model before any rule runs: such a scan is checked whole.
  const resolving = Boolean(options.resolveImages && config.signatures?.require.length);
  const checkAsRead = options.checkAsRead !== false && !resolving;
  const chosen = chooseRules(config, options.overrides);
  const out = await scanPaths(paths, {
    ...(options.stdin !== undefined && { stdin: options.stdin }),
    ...(options.stdinFilename !== undefined && { stdinFilename: options.stdinFilename }),
    exclude: config.exclude,
    maxFileSize: config.maxFileSize,
    maxFileTime: config.maxFileTime,
    ...(options.followOutside && { followOutside: true }),
    // Checked as read with the chosen rules; otherwise parsed only, and the rules run below.
    ...(checkAsRead ? { ...chosen, checkAsRead: true } : { rules: [] }),
  });
  const report = { ...options, configFile: loaded.file };
  // Scans that cannot be checked as read (Quadlet units) were checked whole, with the same rules.
  if (checkAsRead) return suppressAndReport(out.findings, out.model, out.errors, out.filesScanned, config, chosen.rules, report);
  if (resolving) {
    // Loaded only here: the verifiers (Sigstore, JOSE, COSE) cost more start-up than a small scan.
    const { resolveImageSignatures } = await import('../signatures/resolve-images.js');
    await resolveImageSignatures(out.model, config, options.resolveImages!);
  }
  return finishScan(out.model, out.errors, out.filesScanned, config, report);
}

/**
 * The common tail of every scan (files or an image): choose the rules, run them,
 * apply suppressions and exceptions, and make the result reporters take.
 */
export function finishScan(model: ScanModel, errors: ScanError[], filesScanned: number, config: Config, options: ReportOptions): RunScanResult {
  const chosen = chooseRules(config, options.overrides);
  const raw = checkModel(model, chosen);
  return suppressAndReport(raw, model, errors, filesScanned, config, chosen.rules, options);
}

/** The rules a scan runs, with the settings and severities of the configuration. */
export function chooseRules(config: Config, overrides: ScanOverrides | undefined): { rules: RuleDefinition[]; settings: ReturnType<typeof settingsFromConfig>; severities: ReturnType<typeof selectRules>['severities'] } {
  const selection = selectRules(catalogue, config);
  const only = overrides?.only?.length ? new Set(overrides.only) : undefined;
  // `--rule` also switches on a rule that is off by default: naming it is asking for it.
  const scope = overrides?.scope ? new Set(overrides.scope) : undefined;
  const rules = only ? catalogue.filter((r) => only.has(r.id)) : selection.rules.filter((r) => !scope || scope.has(r.id));
  return { rules, settings: settingsFromConfig(config), severities: selection.severities };
}

/**
 * Suppressions and exceptions over the raw findings, then the ScanResult reporters
 * take. `cluster` checks namespace by namespace and comes here once with them all.
 */
/** What the tail of a scan needs besides the findings: overrides, the date, the version and the configuration file read. */
export type ReportOptions = Pick<RunScanOptions, 'overrides' | 'today' | 'toolVersion'> & { configFile?: string | undefined };

export function suppressAndReport(raw: EngineFinding[], model: ScanModel, errors: ScanError[], filesScanned: number, config: Config, rules: readonly RuleDefinition[], options: ReportOptions): RunScanResult {
  const suppressed = applySuppressions(raw, model, config, options.today ?? new Date(), { ranRuleIds: rules.map((r) => r.id), knownRuleIds: fullCatalogue.map((r) => r.id) });
  const findings: Finding[] = sortFindings([...suppressed.findings.map(publicFinding), ...suppressed.extra]);
  // Reports describe the rules that ran (SARIF's driver.rules), not the whole catalogue.
  const result: ScanResult = { findings, errors, rules: [...rules, ...metaRules], scanned: { files: filesScanned }, toolVersion: options.toolVersion ?? '0.0.0' };
  if (options.configFile !== undefined) result.configFile = options.configFile;
  if (!errors.some((e) => e.code === 'config')) warnIfSilenced(model, rules.length, config, options.configFile, Boolean(options.overrides?.only?.length));
  if (model.warnings.length) result.warnings = model.warnings;
  if (suppressed.suppressed.length) {
    result.suppressed = suppressed.suppressed.length;
    result.accepted = suppressed.suppressed.map((f, i) => ({ finding: publicFinding(f), ...suppressed.acceptances[i]! }));
  }
  return { result: redactResult(result), failOn: config.failOn, model, configFailed: false };
}

export function applyOverrides(config: Config, o: ScanOverrides): Config {
  const c: Config = { ...config };
  if (o.failOn !== undefined) c.failOn = o.failOn;
  if (o.trustedRegistries?.length) c.trustedRegistries = [...c.trustedRegistries, ...o.trustedRegistries];
  if (o.exclude?.length) c.exclude = [...c.exclude, ...o.exclude];
  if (o.maxFileSize !== undefined) c.maxFileSize = o.maxFileSize;
  if (o.maxFileTime !== undefined) c.maxFileTime = o.maxFileTime;
  if (o.podSecurity !== undefined) c.podSecurity = o.podSecurity;
  return c;
}

/** The configuration is looked up from the first scanned path (its folder for a file). */
export function configStartDir(paths: readonly string[]): string {
  const first = paths.find((p) => p !== '-');
  if (!first) return '.';
  try {
    return statSync(first).isDirectory() ? first : dirname(first);
  } catch {
    return dirname(first);
  }
}

/**
 * A configuration must not silence a scan unseen: one that switches every rule off,
 * or whose `exclude` leaves no input, says so in every format (as a warning, so the
 * exit code stays what the user configured).
 */
function warnIfSilenced(model: ScanModel, ruleCount: number, config: Config, configFile: string | undefined, byFlag: boolean): void {
  const where = configFile ?? '<configuration>';
  if (ruleCount === 0 && !byFlag) {
    model.warnings.push({ file: where, message: 'the configuration disables every rule, so nothing was checked: remove the `rules:` entries that turn rules off, or run with --rule ID', code: 'config-silences-scan' });
  }
  const excluded = model.warnings.find((w) => w.code === 'all-excluded');
  if (excluded && configFile !== undefined && config.exclude.length) excluded.message += ` (exclude patterns are set in ${configFile})`;
}

/** Strips engine-internal fields so they never reach a report. */
function publicFinding(f: Finding & { messageId?: string; targetAnnotations?: unknown }): Finding {
  const { messageId: _m, targetAnnotations: _t, ...rest } = f;
  return rest;
}
