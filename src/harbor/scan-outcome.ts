/**
 * What one scan of an artifact leaves behind, kept in the job store and turned
 * into each report type on request: vulnerabilities already in Harbor's terms,
 * seaworthy's misconfiguration and secret findings, the CycloneDX SBOM.
 * Holds no credential: the registry authorization never reaches this shape.
 */
import type { Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';

export const HARBOR_SEVERITIES = ['Unknown', 'Negligible', 'Low', 'Medium', 'High', 'Critical'] as const;
export type HarborSeverity = (typeof HARBOR_SEVERITIES)[number];

export interface HarborVulnerability {
  id: string;
  package: string;
  version: string;
  fix_version?: string;
  severity: HarborSeverity;
  description?: string;
  links: string[];
  preferred_cvss?: { score_v3?: number; vector_v3?: string; score_v2?: number; vector_v2?: string };
  vendor_attributes: Record<string, unknown>;
}

export interface ScanOutcome {
  /** The manifest that was read (the requested digest, verified). */
  manifestDigest?: string;
  scannedAt: string;
  database?: { built: string; records: number };
  vulnerabilities: HarborVulnerability[];
  /** Misconfiguration and secret findings, redacted. */
  findings: Finding[];
  sbom?: Record<string, unknown>;
  /** Problems that left the scan incomplete (a layer unreadable, no OS release…), redacted. */
  errors: string[];
}

/**
 * Harbor's scale from seaworthy's: a distribution that calls a flaw unimportant or
 * negligible says Negligible; an advisory with no rating at all is Unknown.
 *
 * @example
 * harborSeverity('low', 'urgency unimportant') // 'Negligible'
 */
export function harborSeverity(severity: Severity, source: string | undefined, rated = true): HarborSeverity {
  if (!rated) return 'Unknown';
  if (source && /\b(unimportant|negligible)\b/i.test(source)) return 'Negligible';
  return (severity.charAt(0).toUpperCase() + severity.slice(1)) as HarborSeverity;
}

/** The highest severity among items (Unknown for none), as the report's `severity`. */
export function highestSeverity(items: readonly { severity: HarborSeverity }[]): HarborSeverity {
  let best = 0;
  for (const i of items) best = Math.max(best, HARBOR_SEVERITIES.indexOf(i.severity));
  return HARBOR_SEVERITIES[best]!;
}
