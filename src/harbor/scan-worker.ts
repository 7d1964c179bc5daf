/**
 * One scan, run in a worker thread of the adapter's pool (piscina): pull the image
 * from the registry Harbor named with the credential it handed over, run the
 * misconfiguration, secret and vulnerability scanners, and hand back a ScanOutcome.
 * A thread, not the server's event loop: layer decompression is CPU work that
 * would stall report polling, and a thread can be terminated when a scan times out.
 */
import { AdvisoryDatabase } from '../advisories/advisory-db.js';
import { imageReleaseKey } from '../advisories/ecosystem.js';
import type { OsvRecord } from '../advisories/osv.js';
import type { Finding } from '../model/finding.js';
import { formatCycloneDx } from '../sbom/cyclonedx.js';
import { runImageScan } from '../scan/run-image-scan.js';
import { redactResult } from '../secrets/redact-result.js';
import { redactText } from '../secrets/secret-detection.js';
import { harborSeverity, type HarborVulnerability, type ScanOutcome } from './scan-outcome.js';

export interface ScanTask {
  /** `host:port` of the registry. */
  registry: string;
  plainHttp: boolean;
  /** Harbor's Authorization value for that registry; lives only in memory. */
  authorization?: string;
  repository: string;
  digest: string;
  dbDir: string;
  configPath?: string;
  tlsVerify: boolean;
  certDir?: string;
  /** A token realm on another host than the registry (default: refuse). */
  foreignRealm?: 'anonymous' | 'refuse';
  /** The job's time limit: registry deadlines are cut to it too. */
  timeoutMs: number;
  toolVersion: string;
}

/**
 * @example
 * const outcome = await scanArtifact({ registry: 'core.harbor.domain:443', plainHttp: false, repository: 'library/app', digest, dbDir, tlsVerify: true, timeoutMs: 600_000, toolVersion });
 */
export default async function scanArtifact(task: ScanTask): Promise<ScanOutcome> {
  const ref = `docker://${task.registry}/${task.repository}@${task.digest}`;
  const { result, image } = await runImageScan(ref, {
    scanners: ['misconfig', 'secret', 'vuln'],
    vuln: { dbDir: task.dbDir, maxAgeDays: Infinity },
    ...(task.configPath !== undefined && { configPath: task.configPath }),
    registryAccess: { registry: task.registry, plainHttp: task.plainHttp, ...(task.authorization !== undefined && { authorization: task.authorization }) },
    tlsVerify: task.tlsVerify,
    ...(task.certDir !== undefined && { certDir: task.certDir }),
    deadlineMs: Math.min(task.timeoutMs, 120_000),
    blobDeadlineMs: task.timeoutMs,
    foreignRealm: task.foreignRealm ?? 'refuse',
    toolVersion: task.toolVersion,
  });
  redactResult(result);
  const fatal = result.errors.find((e) => e.code === 'image' || e.code === 'config');
  if (!image || fatal) throw new Error(redactText(fatal?.message ?? result.errors[0]?.message ?? `${ref}: the image could not be read`));
  const db = AdvisoryDatabase.open(task.dbDir);
  try {
    const release = imageReleaseKey(image.os);
    const vulnerabilities = mergeSameIds(result.findings.filter((f) => f.ruleId === 'vulnerable-package' && f.vulnerability).map((f) => toHarbor(f, release ? (id, pkg) => db.lookup(release, pkg).find((r) => r.id === id) : () => undefined)));
    return {
      ...(image.manifestDigest && { manifestDigest: image.manifestDigest }),
      scannedAt: new Date().toISOString(),
      database: { built: db.meta.built, records: db.meta.records },
      vulnerabilities,
      findings: result.findings.filter((f) => f.ruleId !== 'vulnerable-package'),
      sbom: formatCycloneDx(image),
      errors: result.errors.map((e) => e.message),
    };
  } finally {
    db.close();
  }
}

function toHarbor(f: Finding, record: (id: string, pkg: string) => OsvRecord | undefined): HarborVulnerability {
  const v = f.vulnerability!;
  // Harbor's CVE allowlist matches on the id: a record about one CVE is reported under it.
  const cves = [v.advisoryId, ...v.aliases].filter((id) => /^CVE-\d{4}-\d+$/.test(id));
  const id = cves.length === 1 ? cves[0]! : v.advisoryId;
  const links = [...new Set([...(v.url ? [v.url] : []), `https://osv.dev/vulnerability/${encodeURIComponent(v.advisoryId)}`])];
  const out: HarborVulnerability = {
    id,
    package: v.package,
    version: v.installedVersion,
    severity: harborSeverity(f.severity, v.severitySource, v.severitySource !== undefined),
    description: v.summary ?? f.message,
    links,
    vendor_attributes: {
      advisories: [v.advisoryId],
      aliases: v.aliases,
      source_package: v.sourcePackage,
      ecosystem: v.ecosystem,
      ...(v.purl && { purl: v.purl }),
      ...(v.severitySource && { severity_source: v.severitySource }),
      ...(f.resource?.layer && { layer_digest: f.resource.layer }),
    },
  };
  if (v.fixedVersion !== undefined) out.fix_version = v.fixedVersion;
  const cvss = cvssOf(record(v.advisoryId, v.sourcePackage), v.severitySource);
  if (cvss) out.preferred_cvss = cvss;
  return out;
}

/** Vectors from the advisory record; the score the severity was computed from (`CVSS_V3 9.8`). */
function cvssOf(record: OsvRecord | undefined, source: string | undefined): HarborVulnerability['preferred_cvss'] | undefined {
  const vectors = [...(record?.severity ?? []), ...(record?.affected ?? []).flatMap((a) => a.severity ?? [])];
  const v3 = vectors.find((s) => s.type === 'CVSS_V3')?.score;
  const v2 = vectors.find((s) => s.type === 'CVSS_V2')?.score;
  const scored = /^CVSS_V([23]) (\d+(?:\.\d+)?)$/.exec(source ?? '');
  const out: NonNullable<HarborVulnerability['preferred_cvss']> = { ...(v3 && { vector_v3: v3 }), ...(v2 && { vector_v2: v2 }) };
  if (scored) out[scored[1] === '3' ? 'score_v3' : 'score_v2'] = Number(scored[2]);
  return Object.keys(out).length ? out : undefined;
}

/** A DSA and the DEBIAN-CVE record of the same CVE on one package are one row in Harbor. */
function mergeSameIds(items: HarborVulnerability[]): HarborVulnerability[] {
  const byKey = new Map<string, HarborVulnerability>();
  for (const item of items) {
    const key = `${item.id}|${item.package}|${item.version}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, item);
      continue;
    }
    (seen.vendor_attributes['advisories'] as string[]).push(...(item.vendor_attributes['advisories'] as string[]));
    if (item.fix_version && !seen.fix_version) seen.fix_version = item.fix_version;
    seen.links = [...new Set([...seen.links, ...item.links])];
  }
  return [...byKey.values()];
}
