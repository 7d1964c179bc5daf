/**
 * Applies the three ways of accepting a finding, and reports on them:
 *
 * - `# seaworthy-ignore <ids> -- <reason>` on the line directly before the line a
 *   finding starts on (strict: no blank line or other comment in between, and the
 *   line holds the comment only), or `# seaworthy-ignore-file <ids> -- <reason>`
 *   anywhere in a file for the whole file;
 * - the `seaworthy.io/ignore: "<ids> -- <reason>"` annotation of a Kubernetes object
 *   (on the object or its pod template), for findings about that object;
 * - configuration `exceptions`, by rule and path glob and/or resource.
 *
 * A suppression without a reason, one that suppresses nothing, and an exception
 * past its `expires` date (which then suppresses nothing) are reported as findings
 * of the meta-rules, so an accepted risk never goes quiet by accident.
 */
import type { Config, ConfigException } from '../config/config.js';
import type { Finding } from '../model/finding.js';
import type { Location } from '../model/location.js';
import type { ResourceRef } from '../model/resource.js';
import type { ScanModel } from '../model/scan-model.js';
import { formatMessage, type RuleDefinition } from '../rules/rule.js';
import { exceptionCovers, isExpired } from './exceptions.js';
import { expiredException, suppressionWithoutReason, unusedSuppression } from './meta-rules.js';
import type { EngineFinding } from './run-rules.js';
import { parseDirective, parseIgnoreComment } from './suppression-directive.js';

import { IGNORE_ANNOTATION } from '../sources/kubernetes/kubernetes-kind.js';

export { IGNORE_ANNOTATION };

export interface SuppressionOptions {
  /**
   * Ids of the rules that ran. A suppression naming a rule that did not run (off,
   * or not selected) is not reported as unused. Default: every id counts.
   */
  ranRuleIds?: Iterable<string>;
  /**
   * Ids of the whole catalogue. A suppression naming any other id (a typo) is
   * reported as such, even when `ranRuleIds` is given.
   */
  knownRuleIds?: Iterable<string>;
  /** Report exceptions that matched nothing (default true; off for partial scans). */
  reportUnusedExceptions?: boolean;
  /** Working directory the finding paths are relative to (default `process.cwd()`). */
  cwd?: string;
}

export interface SuppressionResult {
  /** Findings still reported. */
  findings: EngineFinding[];
  /** Findings of the meta-rules (unused, reason-less and expired suppressions). */
  extra: Finding[];
  /** Findings that were suppressed. */
  suppressed: EngineFinding[];
  /** How each suppressed finding was accepted, in the same order as `suppressed`. */
  acceptances: Acceptance[];
}

/** How a finding was accepted: in the file (comment, annotation) or in the configuration. */
export interface Acceptance {
  kind: 'inSource' | 'external';
  /** The reason given, when one was. */
  justification?: string;
}

type Kind = 'comment' | 'fileComment' | 'annotation' | 'exception';

interface Suppression {
  kind: Kind;
  ruleIds: string[];
  reason?: string;
  loc: Location;
  /** Rule ids that suppressed something. */
  used: Set<string>;
  /** Annotations: the object covered and its lines. */
  resource?: ResourceRef;
  lines?: { start: number; end: number; raw: string };
  exception?: ConfigException;
}

/**
 * Removes suppressed findings and reports on the suppressions.
 *
 * @example
 * const { findings, extra } = applySuppressions(runRules(model, opts), model, config, new Date());
 * report([...findings, ...extra]);
 */
export function applySuppressions(
  findings: readonly EngineFinding[],
  model: ScanModel,
  config: Config,
  today: Date,
  options: SuppressionOptions = {},
): SuppressionResult {
  const { byLine, byFile, all: comments } = collectComments(model);
  const annotations = collectAnnotations(model);
  const extra: Finding[] = [];
  const exceptions: Suppression[] = [];
  for (const ex of config.exceptions) {
    if (isExpired(ex, today)) {
      pushMeta(extra, config, expiredException, 'expired', ex.loc, { ruleIds: ex.rules.join(', '), expires: ex.expires! });
    } else {
      exceptions.push({ kind: 'exception', ruleIds: ex.rules, reason: ex.reason, loc: ex.loc, used: new Set(), exception: ex });
    }
  }

  const kept: EngineFinding[] = [];
  const suppressed: EngineFinding[] = [];
  const acceptances: Acceptance[] = [];
  // Annotation suppressions by file: a finding is compared with those of its own file only.
  const annotationsByFile = new Map<string, Suppression[]>();
  for (const s of annotations) {
    const list = annotationsByFile.get(s.loc.file);
    if (list) list.push(s);
    else annotationsByFile.set(s.loc.file, [s]);
  }
  for (const finding of findings) {
    const id = finding.ruleId;
    const file = finding.location.file;
    const line = finding.location.startLine;
    const matches: Suppression[] = [];
    const onLine = byLine.size ? byLine.get(`${file}\u0000${line}`) : undefined;
    if (onLine?.ruleIds.includes(id)) matches.push(onLine);
    const inFile = byFile.get(file);
    if (inFile) for (const s of inFile) if (s.ruleIds.includes(id)) matches.push(s);
    const annotated = annotationsByFile.get(file);
    if (annotated) for (const s of annotationMatches(annotated, finding)) matches.push(s);
    for (const s of exceptions) if (exceptionCovers(s.exception!, finding, config.baseDir, options.cwd)) matches.push(s);
    // Every matching suppression counts as used, so none of them is reported as unused.
    for (const s of matches) s.used.add(id);
    if (matches.length || targetIgnores(finding)) {
      suppressed.push(finding);
      acceptances.push(acceptanceOf(matches[0], finding));
    } else kept.push(finding);
  }

  const ran = options.ranRuleIds ? new Set(options.ranRuleIds) : undefined;
  const known = options.knownRuleIds ? new Set(options.knownRuleIds) : undefined;
  const unknown = (id: string): boolean => known !== undefined && !known.has(id);
  const checked = (id: string): boolean => !ran || ran.has(id) || unknown(id);
  for (const s of [...comments, ...annotations]) {
    if (!s.ruleIds.length) pushMeta(extra, config, suppressionWithoutReason, 'noRules', s.loc, {});
    else if (!s.reason) pushMeta(extra, config, suppressionWithoutReason, 'missing', s.loc, { ruleIds: s.ruleIds.join(', ') });
  }
  for (const s of [...comments, ...annotations, ...(options.reportUnusedExceptions === false ? [] : exceptions)]) {
    for (const id of s.ruleIds) {
      if (s.used.has(id) || !checked(id)) continue;
      pushMeta(extra, config, unusedSuppression, unknown(id) ? 'unknownRule' : s.kind, s.loc, { ruleId: id, resource: s.resource ? resourceText(s.resource) : '' });
    }
  }
  return { findings: kept, extra, suppressed, acceptances };
}

function collectComments(model: ScanModel): { byLine: Map<string, Suppression>; byFile: Map<string, Suppression[]>; all: Suppression[] } {
  const byLine = new Map<string, Suppression>();
  const byFile = new Map<string, Suppression[]>();
  const all: Suppression[] = [];
  for (const [path, src] of model.files) {
    // Most files have no directive: skip them without splitting lines.
    if (!src.text.includes('seaworthy-ignore')) continue;
    for (let n = 1; n <= src.lines.lineCount; n++) {
      const text = src.lines.lineText(n);
      if (!text.includes('seaworthy-ignore')) continue;
      const c = parseIgnoreComment(text);
      if (!c) continue;
      const loc: Location = { file: path, startLine: n, startColumn: c.column, endLine: n, endColumn: text.length + 1 };
      const s: Suppression = { kind: c.scope === 'file' ? 'fileComment' : 'comment', ruleIds: c.ruleIds, loc, used: new Set() };
      if (c.reason) s.reason = c.reason;
      all.push(s);
      if (c.scope === 'file') byFile.set(path, [...(byFile.get(path) ?? []), s]);
      else byLine.set(`${path}\u0000${n + 1}`, s);
    }
  }
  return { byLine, byFile, all };
}

function collectAnnotations(model: ScanModel): Suppression[] {
  return model.annotationSuppressions.map((a) => {
    const d = parseDirective(a.raw);
    const s: Suppression = {
      kind: 'annotation',
      ruleIds: d.ruleIds,
      loc: a.loc,
      used: new Set(),
      resource: a.resource,
      lines: { start: a.startLine, end: a.endLine, raw: a.raw },
    };
    if (d.reason) s.reason = d.reason;
    return s;
  });
}

/** Annotation suppressions on the object the finding lies in. */
function annotationMatches(annotations: Suppression[], finding: EngineFinding): Suppression[] {
  const l = finding.location;
  return annotations.filter(
    (s) => s.loc.file === l.file && s.lines!.start <= l.startLine && l.startLine <= s.lines!.end && s.ruleIds.includes(finding.ruleId),
  );
}

/**
 * The annotation as the engine handed it with the finding: covers an ignore on a
 * pod template, which sources do not list in `annotationSuppressions`.
 */
function acceptanceOf(s: Suppression | undefined, finding: EngineFinding): Acceptance {
  // No match but a pod-template annotation: an in-source suppression with its own reason.
  const reason = s ? s.reason : parseDirective(finding.targetAnnotations?.[IGNORE_ANNOTATION] ?? '').reason;
  return { kind: s?.kind === 'exception' ? 'external' : 'inSource', ...(reason ? { justification: reason } : {}) };
}

function targetIgnores(finding: EngineFinding): boolean {
  const raw = finding.targetAnnotations?.[IGNORE_ANNOTATION];
  return raw !== undefined && parseDirective(raw).ruleIds.includes(finding.ruleId);
}

function resourceText(r: ResourceRef): string {
  return [r.kind, r.namespace, r.name].filter((p) => p !== undefined).join('/');
}

function pushMeta(
  out: Finding[],
  config: Config,
  rule: RuleDefinition,
  messageId: string,
  loc: Location,
  data: Record<string, string>,
): void {
  const rc = config.rules[rule.id];
  if (rc?.enabled === false) return;
  out.push({
    ruleId: rule.id,
    severity: rc?.severity ?? rule.severity,
    message: formatMessage(rule.messages[messageId] ?? messageId, data),
    location: loc,
    remedy: rule.remedy,
  });
}
