/**
 * What a scan hands to the reporters: findings, errors, the rule catalogue (for
 * SARIF rule metadata) and counts. Reporters are pure functions of this value, so
 * a format knows nothing of how the scan ran.
 */
import { compareLocations } from '../model/location.js';
import type { Finding, ScanError, ScanWarning } from '../model/finding.js';
import { SEVERITIES, severityRank, type Severity } from '../model/severity.js';
import type { RuleDefinition } from '../rules/rule.js';

export interface ScanResult {
  findings: Finding[];
  errors: ScanError[];
  /** What the user should know that did not stop an input from being read; never changes the exit code. */
  warnings?: ScanWarning[];
  /** The rule catalogue, meta-rules included, for rule metadata in SARIF. */
  rules: readonly RuleDefinition[];
  scanned: { files: number };
  /** How many findings suppressions and exceptions removed (shown in summaries when present). */
  suppressed?: number;
  /**
   * The suppressed findings themselves, with how they were accepted. Only SARIF
   * shows them (as results with `suppressions`, so code scanning lists them as
   * dismissed with the reason); the other formats count them.
   */
  accepted?: AcceptedFinding[];
  toolVersion: string;
  /** The configuration file in use (as shown in messages); absent when the defaults were used. */
  configFile?: string;
}

export interface AcceptedFinding {
  finding: Finding;
  kind: 'inSource' | 'external';
  justification?: string;
}

/** The `summary` object of the JSON contract. */
export interface Summary {
  total: number;
  bySeverity: Record<Severity, number>;
  errors: number;
  warnings: number;
  filesScanned: number;
  suppressed?: number;
  /** The configuration file in use, or null for the defaults: a report always says which. */
  config?: string | null;
}

/**
 * Counts findings per severity, errors and files.
 *
 * @example
 * summarize(result).bySeverity.critical; // 1
 */
export function summarize(result: ScanResult): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of result.findings) bySeverity[f.severity]++;
  const summary: Summary = { total: result.findings.length, bySeverity, errors: result.errors.length, warnings: result.warnings?.length ?? 0, filesScanned: result.scanned.files };
  if (result.suppressed !== undefined) summary.suppressed = result.suppressed;
  summary.config = result.configFile ?? null;
  return summary;
}

/**
 * Findings in reading order: by file, position, then most severe first and rule id,
 * so every format lists them the same way whatever order the rules ran in.
 *
 * @example
 * sortFindings(result.findings)[0].location.file;
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareLocations(a.location, b.location) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** Errors (or warnings) by file, then line. */
export function sortErrors<T extends ScanError>(errors: readonly T[]): T[] {
  return [...errors].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
}
