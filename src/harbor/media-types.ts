/**
 * The media types of Harbor's Pluggable Scanner API v1.2 and content negotiation
 * over them (negotiator, the parser Express uses: q-values, `*\/*`, and parameters
 * such as `version=1.1` compared by name and value).
 */
import Negotiator from 'negotiator';

export const MEDIA = {
  metadata10: 'application/vnd.scanner.adapter.metadata+json; version=1.0',
  metadata11: 'application/vnd.scanner.adapter.metadata+json; version=1.1',
  scanRequest10: 'application/vnd.scanner.adapter.scan.request+json; version=1.0',
  scanRequest11: 'application/vnd.scanner.adapter.scan.request+json; version=1.1',
  scanResponse: 'application/vnd.scanner.adapter.scan.response+json; version=1.0',
  error: 'application/vnd.scanner.adapter.error+json; version=1.0',
  vulnReport10: 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0',
  vulnReport11: 'application/vnd.security.vulnerability.report; version=1.1',
  vulnReportRaw: 'application/vnd.scanner.adapter.vuln.report.raw',
  sbomReport: 'application/vnd.security.sbom.report+json; version=1.0',
} as const;

/** Artifacts a scan reads: OCI and Docker v2 image manifests. */
export const CONSUMED = ['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json'] as const;

export const VULNERABILITY_REPORTS = [MEDIA.vulnReport10, MEDIA.vulnReport11, MEDIA.vulnReportRaw] as const;
export const SBOM_REPORTS = [MEDIA.sbomReport] as const;
/** In the order the spec lists them: with no Accept (or `*\/*`) the first is served. */
export const REPORTS = [...VULNERABILITY_REPORTS, ...SBOM_REPORTS] as const;
export type ReportType = (typeof REPORTS)[number];

/** SBOM formats (`sbom_media_type`) the spec knows, and the one seaworthy writes. */
export const SBOM_FORMATS = ['application/spdx+json', 'application/vnd.cyclonedx+json'] as const;
export const SBOM_FORMAT = 'application/vnd.cyclonedx+json';

/**
 * The best of `offered` for an Accept header, or undefined when none is acceptable.
 *
 * @example
 * negotiate('application/vnd.security.vulnerability.report; version=1.1', REPORTS) // MEDIA.vulnReport11
 */
export function negotiate<T extends string>(accept: string | undefined, offered: readonly T[]): T | undefined {
  const headers: Record<string, string> = accept === undefined || accept.trim() === '' ? {} : { accept };
  return new Negotiator({ headers }).mediaType(offered as T[]) as T | undefined;
}

/** `type/subtype` and its parameters, lower-cased names, unquoted values. */
export function parseMediaType(text: string): { type: string; params: Record<string, string> } {
  const [type = '', ...rest] = text.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq === -1) continue;
    params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Whether a Content-Type names one of `known` (same type, same parameters). */
export function matchesMediaType(contentType: string | undefined, known: readonly string[]): string | undefined {
  if (!contentType) return undefined;
  const got = parseMediaType(contentType);
  return known.find((k) => {
    const want = parseMediaType(k);
    if (want.type !== got.type) return false;
    const names = new Set([...Object.keys(want.params), ...Object.keys(got.params).filter((n) => n !== 'charset')]);
    return [...names].every((n) => want.params[n] === got.params[n]);
  });
}
