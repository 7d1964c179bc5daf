/**
 * A finding's severity from an advisory: the CVSS vector's base score first
 * (v4, then v3.x, then v2; scored by ae-cvss-calculator, which implements every
 * FIRST.org version), else the distribution's own rating (Debian urgency, Red
 * Hat/SUSE/Ubuntu priority words), else none (the rule's configured severity).
 */
import cvss from 'ae-cvss-calculator';
import type { Severity } from '../model/severity.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from './osv.js';

const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvss;

const ORDER = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'];

/** CVSS qualitative bands (v3/v4; v2's bands have no "critical"). */
function band(score: number, v2: boolean): Severity | undefined {
  if (score <= 0) return undefined;
  if (!v2 && score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

function baseScore(s: OsvSeverity): number | undefined {
  try {
    if (s.type === 'CVSS_V4') return new Cvss4P0(s.score).calculateScores().base;
    if (s.type === 'CVSS_V3') return (s.score.startsWith('CVSS:3.0/') ? new Cvss3P0(s.score) : new Cvss3P1(s.score)).calculateScores().base;
    if (s.type === 'CVSS_V2') return new Cvss2(s.score.replace(/^CVSS:2\.0\//, '')).calculateScores().base;
  } catch {
    // A malformed vector is the advisory's fault; fall through to the distribution's rating.
  }
  return undefined;
}

const WORDS: Record<string, Severity> = {
  unimportant: 'low',
  negligible: 'low',
  low: 'low',
  moderate: 'medium',
  medium: 'medium',
  important: 'high',
  high: 'high',
  critical: 'critical',
};

/**
 * @example
 * severityOf(record, affected) // { severity: 'critical', source: 'CVSS_V3 9.8' }
 */
export function severityOf(record: OsvRecord, affected: OsvAffected): { severity: Severity; source: string } | undefined {
  const vectors = [...(affected.severity ?? []), ...(record.severity ?? [])].filter((s) => ORDER.includes(s.type));
  vectors.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
  for (const v of vectors) {
    const score = baseScore(v);
    const severity = score === undefined ? undefined : band(score, v.type === 'CVSS_V2');
    if (severity) return { severity, source: `${v.type} ${score}` };
  }
  const specific = { ...(record.database_specific ?? {}), ...(affected.database_specific ?? {}), ...(affected.ecosystem_specific ?? {}) };
  for (const key of ['urgency', 'severity', 'priority']) {
    const word = specific[key];
    if (typeof word !== 'string') continue;
    const severity = WORDS[word.toLowerCase().replace(/\*+$/, '')];
    if (severity) return { severity, source: `${key} ${word}` };
  }
  return undefined;
}
