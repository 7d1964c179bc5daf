/**
 * From findings to an admission answer. Each finding gets a mode — a rule's mode in
 * its namespace, else its mode everywhere, else the namespace's mode, else by severity
 * (`enforceOn`, `warnOn`) — and the answer follows: any `enforce` finding denies, every
 * `warn` finding is a warning, every `audit` finding an audit annotation and a log line.
 */
import type { AdmissionConfig, AdmissionMode } from '../config/admission-config.js';
import type { Finding } from '../model/finding.js';
import { severityRank } from '../model/severity.js';
import type { AdmissionResponse } from './admission-review.js';
import { AUDIT_VALUE_MAX, DENIAL_MAX, WARNING_MAX, WARNINGS_TOTAL_MAX, clip, fitLines, oneLine } from './message-limits.js';

export interface JudgedFinding {
  finding: Finding;
  mode: AdmissionMode;
  /** Field path in the reviewed object (`spec.containers[0].securityContext.privileged`). */
  field: string;
}

/** What was reviewed, for messages: `Pod "team/web"`. */
export interface ReviewSubject {
  kind: string;
  namespace?: string;
  name?: string;
}

/**
 * The mode a finding is decided in.
 *
 * @example
 * modeFor({ ruleId: 'run-as-root', severity: 'medium', … }, 'legacy', admission); // 'warn'
 */
export function modeFor(finding: Pick<Finding, 'ruleId' | 'severity'>, namespace: string | undefined, admission: AdmissionConfig): AdmissionMode {
  const ns = namespace !== undefined ? admission.namespaces[namespace] : undefined;
  const chosen = ns?.rules?.[finding.ruleId] ?? admission.rules[finding.ruleId] ?? ns?.mode;
  if (chosen) return chosen;
  if (admission.enforceOn !== 'none' && severityRank(finding.severity) >= severityRank(admission.enforceOn)) return 'enforce';
  if (admission.warnOn !== 'none' && severityRank(finding.severity) >= severityRank(admission.warnOn)) return 'warn';
  return 'audit';
}

/** The annotation key under which audited findings are recorded (the API server prefixes the webhook name). */
export const AUDIT_ANNOTATION = 'findings';

/**
 * Builds the response for one review.
 *
 * @example
 * admissionResponse('uid-1', { kind: 'Pod', namespace: 'team', name: 'web' }, judged);
 * // { uid: 'uid-1', allowed: false, status: { code: 403, message: 'seaworthy denied Pod "team/web": …' } }
 */
export function admissionResponse(uid: string, subject: ReviewSubject, judged: readonly JudgedFinding[]): AdmissionResponse {
  const enforce = judged.filter((j) => j.mode === 'enforce');
  const warn = judged.filter((j) => j.mode === 'warn');
  const audit = judged.filter((j) => j.mode === 'audit');
  const response: AdmissionResponse = { uid, allowed: enforce.length === 0 };
  if (enforce.length) {
    const head = `seaworthy denied ${describeSubject(subject)}: ${enforce.length} finding${enforce.length === 1 ? '' : 's'}`;
    const lines = enforce.map((j) => oneLine(`[${j.finding.ruleId}] ${j.field ? `${j.field}: ` : ''}${j.finding.message}`));
    const body = fitLines(lines, DENIAL_MAX - head.length - 2, (left) => `… and ${left} more (run seaworthy scan on the manifest for all)`, 2);
    response.status = { code: 403, reason: 'Forbidden', message: `${head}; ${body.join('; ')}` };
  }
  if (warn.length) {
    const lines = warn.map((j) => clip(oneLine(`seaworthy [${j.finding.ruleId}] ${j.field ? `${j.field}: ` : ''}${j.finding.message}`), WARNING_MAX));
    response.warnings = fitLines(lines, WARNINGS_TOTAL_MAX, (left) => `seaworthy: ${left} more warnings not shown`);
  }
  if (audit.length) {
    const value = audit.map((j) => `${j.finding.ruleId}${j.field ? ` ${j.field}` : ''}`).join('; ');
    response.auditAnnotations = { [AUDIT_ANNOTATION]: clip(oneLine(value), AUDIT_VALUE_MAX) };
  }
  return response;
}

export function describeSubject(s: ReviewSubject): string {
  const name = s.name ?? '(unnamed)';
  return `${s.kind} "${s.namespace ? `${s.namespace}/` : ''}${name}"`;
}
