import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReport } from '../../src/harbor/harbor-reports.js';
import { MEDIA, matchesMediaType, negotiate, REPORTS } from '../../src/harbor/media-types.js';
import { harborSeverity, highestSeverity, type ScanOutcome } from '../../src/harbor/scan-outcome.js';

test("Harbor's severities from seaworthy's and the advisory's rating", () => {
  assert.equal(harborSeverity('critical', 'CVSS_V3 9.8'), 'Critical');
  assert.equal(harborSeverity('low', 'urgency unimportant'), 'Negligible');
  assert.equal(harborSeverity('low', 'priority negligible'), 'Negligible');
  assert.equal(harborSeverity('low', 'urgency low'), 'Low');
  assert.equal(harborSeverity('high', undefined, false), 'Unknown', 'no rating at all');
  assert.equal(highestSeverity([]), 'Unknown');
  assert.equal(highestSeverity([{ severity: 'Negligible' }, { severity: 'High' }, { severity: 'Low' }]), 'High');
});

test('negotiation and request types', () => {
  assert.equal(negotiate(undefined, REPORTS), MEDIA.vulnReport10);
  assert.equal(negotiate('', REPORTS), MEDIA.vulnReport10);
  assert.equal(negotiate('application/vnd.security.sbom.report+json; version=1.0', REPORTS), MEDIA.sbomReport);
  assert.equal(negotiate('application/vnd.security.sbom.report+json; version=1.1', REPORTS), undefined);
  assert.equal(matchesMediaType('application/vnd.scanner.adapter.scan.request+json;version="1.1"', [MEDIA.scanRequest11]), MEDIA.scanRequest11);
  assert.equal(matchesMediaType('application/vnd.scanner.adapter.scan.request+json; version=1.1; charset=utf-8', [MEDIA.scanRequest11]), MEDIA.scanRequest11);
  assert.equal(matchesMediaType('application/vnd.scanner.adapter.scan.request+json', [MEDIA.scanRequest11]), undefined, 'the version is not optional');
  assert.equal(matchesMediaType('application/vnd.scanner.adapter.scan.request+json; version=2.0', [MEDIA.scanRequest11, MEDIA.scanRequest10]), undefined);
});

test('reports: v1.0 rows without the 1.1 fields, findings as rows, the SBOM wrapped', () => {
  const outcome: ScanOutcome = {
    manifestDigest: 'sha256:' + '1'.repeat(64),
    scannedAt: '2026-01-01T00:00:00.000Z',
    vulnerabilities: [{ id: 'CVE-2023-45853', package: 'zlib1g', version: '1:1.2.13.dfsg-1', severity: 'Critical', links: ['https://osv.dev/vulnerability/DEBIAN-CVE-2023-45853'], preferred_cvss: { score_v3: 9.8 }, vendor_attributes: { advisories: ['DEBIAN-CVE-2023-45853'] } }],
    findings: [{ ruleId: 'secret-file-in-image', severity: 'high', message: 'a private key', location: { file: 'img', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, resource: { kind: 'Image', path: '/app/key', layer: 'sha256:2' } } as never],
    sbom: { bomFormat: 'CycloneDX', specVersion: '1.5' },
    errors: [],
  };
  const job = { id: 'j', scanId: 's', artifact: { repository: 'library/app', digest: outcome.manifestDigest!, tag: 'v1' }, createdAt: '' };
  const scanner = { name: 'seaworthy', vendor: 'seaworthy', version: '0.1.0' };
  const v11 = JSON.parse(renderReport(MEDIA.vulnReport11, job, outcome, scanner));
  assert.equal(v11.severity, 'Critical');
  assert.deepEqual(v11.vulnerabilities.map((v: any) => [v.id, v.package, v.severity]), [['CVE-2023-45853', 'zlib1g', 'Critical'], ['secret-file-in-image', '/app/key', 'High']]);
  assert.equal(v11.vulnerabilities[1].vendor_attributes.kind, 'secret');
  const v10 = JSON.parse(renderReport(MEDIA.vulnReport10, job, outcome, scanner));
  assert.ok(v10.vulnerabilities.every((v: any) => !('preferred_cvss' in v) && !('vendor_attributes' in v)));
  const sbom = JSON.parse(renderReport(MEDIA.sbomReport, job, outcome, scanner));
  assert.deepEqual([sbom.media_type, sbom.sbom.bomFormat, sbom.artifact.tag], ['application/vnd.cyclonedx+json', 'CycloneDX', 'v1']);
});
