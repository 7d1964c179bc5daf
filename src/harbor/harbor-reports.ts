/**
 * A stored scan outcome rendered as each report type Harbor may ask for:
 * - the vulnerability report (v1.0 and v1.1 share the HarborVulnerabilityReport
 *   schema; v1.1 adds preferred_cvss and vendor_attributes, which v1.0 predates);
 *   seaworthy's misconfiguration and secret findings are rows of it too, marked in
 *   vendor_attributes (v1.1) — the spec's misconfiguration report is still "TBD",
 *   and these rows are what makes them visible in Harbor's UI;
 * - the raw report: seaworthy's own JSON (every finding, the SBOM digest, errors);
 * - the SBOM report: the CycloneDX document in HarborSbomReport.
 */
import type { Finding } from '../model/finding.js';
import { MEDIA, SBOM_FORMAT, type ReportType } from './media-types.js';
import type { JobRecord } from './job-store.js';
import { harborSeverity, highestSeverity, type HarborVulnerability, type ScanOutcome } from './scan-outcome.js';

export interface ScannerInfo {
  name: string;
  vendor: string;
  version: string;
}

function artifactOf(job: JobRecord, outcome: ScanOutcome): Record<string, string> {
  const a = job.artifact;
  return {
    repository: a.repository,
    digest: outcome.manifestDigest ?? a.digest,
    ...(a.tag && { tag: a.tag }),
    ...(a.mime_type && { mime_type: a.mime_type }),
  };
}

/** A misconfiguration or secret finding as a report row: package is where it is (a path, the image config). */
function findingRow(f: Finding): HarborVulnerability {
  const kind = f.ruleId.startsWith('secret-') ? 'secret' : 'misconfiguration';
  const path = f.resource?.path;
  return {
    id: f.ruleId,
    package: path ? path : 'image configuration',
    version: f.resource?.layer ?? '',
    severity: harborSeverity(f.severity, undefined),
    description: f.message,
    // The rule's description ships in docs/rules.md with the package; no public URL to point at.
    links: [],
    vendor_attributes: {
      kind,
      rule: f.ruleId,
      ...(f.remedy && { remedy: f.remedy }),
      ...(f.resource?.layer && { layer_digest: f.resource.layer }),
      ...(path && { path }),
    },
  };
}

/**
 * @example
 * const body = renderReport(MEDIA.vulnReport11, job, outcome, scanner);
 */
export function renderReport(type: ReportType, job: JobRecord, outcome: ScanOutcome, scanner: ScannerInfo): string {
  const artifact = artifactOf(job, outcome);
  if (type === MEDIA.sbomReport) {
    return JSON.stringify({
      generated_at: outcome.scannedAt,
      artifact,
      scanner,
      media_type: SBOM_FORMAT,
      sbom: outcome.sbom ?? {},
      vendor_attributes: { 'spec-version': String((outcome.sbom as { specVersion?: string } | undefined)?.specVersion ?? ''), 'created-by': 'seaworthy' },
    });
  }
  if (type === MEDIA.vulnReportRaw) {
    return JSON.stringify({ artifact, scanner, generated_at: outcome.scannedAt, database: outcome.database, vulnerabilities: outcome.vulnerabilities, findings: outcome.findings, errors: outcome.errors });
  }
  const rows = [...outcome.vulnerabilities, ...outcome.findings.map(findingRow)];
  const items = type === MEDIA.vulnReport10 ? rows.map(({ preferred_cvss: _c, vendor_attributes: _v, ...rest }) => rest) : rows;
  return JSON.stringify({ generated_at: outcome.scannedAt, artifact, scanner, severity: highestSeverity(rows), vulnerabilities: items });
}
