/**
 * The adapter's API as Harbor uses it, against a real registry (Debian's
 * docker-registry on loopback) holding a buildah-built image: metadata in both
 * versions, scan requests right and wrong, the report while running and done in
 * every media type, content negotiation, the API token. Every response of the
 * spec's operations is validated against the spec's OpenAPI document.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MEDIA } from '../../src/harbor/media-types.js';
import { createHarborMetrics } from '../../src/harbor/harbor-metrics.js';
import { startHarborServer, type RunningHarborServer } from '../../src/harbor/harbor-server.js';
import { ScanJobs } from '../../src/harbor/scan-jobs.js';
import { jsonLogger } from '../../src/servers/json-log.js';
import { createImageBuilds, run, type BuiltImages } from '../support/image-builds.js';
import { harborClient, pollReport, scanRequest, SCAN_REQUEST_TYPE } from '../support/harbor-client.js';
import { HarborSpec } from '../support/harbor-spec.js';
import { startRegistry, type LocalRegistry } from '../support/local-registry.js';
import { conformanceDir, needConformance, needPrograms, repoRoot } from '../support/prerequisites.js';
import { spawnSync } from 'node:child_process';

const skip = needConformance('harbor-scanner-spec') ?? needConformance('vulnerabilities/advisories') ?? needPrograms('buildah', 'skopeo', 'busybox', 'docker-registry');

describe('Harbor scanner API', { skip }, () => {
  const problems: string[] = [];
  const logs: string[] = [];
  let spec: HarborSpec;
  let images: BuiltImages;
  let registry: LocalRegistry;
  let dir: string;
  let jobs: ScanJobs;
  let server: RunningHarborServer;
  let call: ReturnType<typeof harborClient>;
  let digest: string;
  let registryUrl: string;
  const token = 'adapter-token-' + Math.random().toString(36).slice(2);

  before(async () => {
    spec = new HarborSpec();
    dir = mkdtempSync(join(tmpdir(), 'seaworthy-harbor-api-'));
    const db = join(dir, 'db');
    const imported = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'db', 'import', join(conformanceDir, 'vulnerabilities/advisories/debian'), '--db', db], { encoding: 'utf8' });
    assert.equal(imported.status, 0, imported.stderr);
    images = createImageBuilds();
    images.build('insecure');
    registry = await startRegistry();
    run('skopeo', ['copy', '-q', '--dest-tls-verify=false', images.export('insecure', 'oci'), `docker://${registry.host}/team/insecure:test`]);
    digest = run('skopeo', ['inspect', '--tls-verify=false', '--format', '{{.Digest}}', `docker://${registry.host}/team/insecure:test`]).trim();
    registryUrl = `http://${registry.host}`;
    const metrics = createHarborMetrics();
    const log = jsonLogger((line) => logs.push(line));
    jobs = new ScanJobs({ storeDir: join(dir, 'store'), dbDir: db, tlsVerify: true, workers: 1, maxQueue: 10, timeoutMs: 120_000, retainMs: 3_600_000, toolVersion: '0.1.0', metrics, log });
    server = await startHarborServer({ host: '127.0.0.1', port: 0, jobs, dbDir: db, scanner: { name: 'seaworthy', vendor: 'seaworthy', version: '0.1.0' }, metrics, log, apiToken: token, refreshAfterSeconds: 1 });
    const base = harborClient(`http://127.0.0.1:${server.port}`, spec, problems);
    call = (method, path, options = {}) => base(method, path, { token, ...options });
  });

  after(async () => {
    await server?.stop();
    await jobs?.close();
    await registry?.stop();
    images?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (spec) console.log(`# ${spec.total()} responses validated against ${spec.document.info.version}: ${[...spec.counts].map(([k, n]) => `${k} ×${n}`).join('; ')}`);
  });

  test('metadata: v1.1 by default and on request, v1.0 without capability types', async () => {
    const v11 = await call('GET', '/metadata', { accept: MEDIA.metadata11, spec: '/metadata' });
    assert.equal(v11.status, 200);
    assert.equal(v11.headers['content-type'], MEDIA.metadata11);
    const meta = v11.json();
    assert.deepEqual(meta.capabilities.map((c: any) => c.type), ['vulnerability', 'sbom']);
    assert.ok(meta.capabilities[0].produces_mime_types.includes('application/vnd.security.vulnerability.report; version=1.1'));
    assert.deepEqual(meta.capabilities[1].produces_mime_types, ['application/vnd.security.sbom.report+json; version=1.0']);
    assert.deepEqual(meta.capabilities[1].additional_attributes, { sbom_media_types: ['application/vnd.cyclonedx+json'] });
    assert.match(meta.properties['harbor.scanner-adapter/vulnerability-database-updated-at'], /^\d{4}-\d\d-\d\dT/);
    const v10 = await call('GET', '/metadata', { accept: MEDIA.metadata10, spec: '/metadata' });
    assert.equal(v10.headers['content-type'], MEDIA.metadata10);
    assert.equal(v10.json().capabilities.length, 1);
    assert.equal(v10.json().capabilities[0].type, undefined);
    const none = await call('GET', '/metadata', { spec: '/metadata' });
    assert.equal(none.headers['content-type'], MEDIA.metadata11);
    assert.deepEqual(problems, []);
  });

  test('the API token is required when configured', async () => {
    const r = await call('GET', '/metadata', { token: 'wrong' });
    assert.equal(r.status, 401);
    assert.equal(r.headers['content-type'], MEDIA.error);
    const base = harborClient(`http://127.0.0.1:${server.port}`, spec, []);
    assert.equal((await base('GET', '/metadata')).status, 401);
  });

  test('scan requests the spec refuses: 400, 422 and 501 in the error media type', async () => {
    const post = (body: string, contentType: string = SCAN_REQUEST_TYPE) => call('POST', '/scan', { contentType, body, spec: '/scan' });
    const cases: Array<[string, string, number, RegExp, string?]> = [
      ['not JSON', '{"registry":', 400, /not JSON/],
      ['wrong type', JSON.stringify({ registry: { url: 5 }, artifact: {} }), 400, /registry\.url must be a string/],
      ['unknown capability', scanRequest(registryUrl, 'team/insecure', digest, { capabilities: [{ type: 'malware' }] }), 400, /type must be/],
      ['wrong content type', scanRequest(registryUrl, 'team/insecure', digest), 400, /Content-Type must be/, 'application/json'],
      ['old version is accepted', scanRequest(registryUrl, 'team/insecure', digest), 202, /"id"/, MEDIA.scanRequest10],
      ['spec sample: invalid registry url', scanRequest('INVALID REGISTRY URL', 'library/mongo', digest), 422, /registry\.url/],
      ['registry url with a path', scanRequest('https://harbor.example/v2', 'library/mongo', digest), 422, /scheme and host/],
      ['credentials in the url', scanRequest('https://u:p@harbor.example', 'library/mongo', digest), 422, /must not carry credentials/],
      ['bad digest', scanRequest(registryUrl, 'team/insecure', 'sha256:1234'), 422, /artifact\.digest/],
      ['bad repository', scanRequest(registryUrl, 'Team/../x', digest), 422, /repository/],
      ['a report type seaworthy does not write', scanRequest(registryUrl, 'team/insecure', digest, { capabilities: [{ type: 'vulnerability', produces_mime_types: ['application/vnd.example.report'] }] }), 501, /no report of type/],
      ['an SPDX SBOM', scanRequest(registryUrl, 'team/insecure', digest, { capabilities: [{ type: 'sbom', parameters: { sbom_media_types: ['application/spdx+json'] } }] }), 501, /cyclonedx/],
      ['another artifact type', JSON.stringify({ registry: { url: registryUrl }, artifact: { repository: 'team/insecure', digest, mime_type: 'application/vnd.cncf.helm.config.v1+json' } }), 501, /is not scanned/],
    ];
    for (const [what, body, status, message, contentType] of cases) {
      const r = await post(body, contentType);
      assert.equal(r.status, status, `${what}: ${r.body}`);
      assert.match(r.body, message, what);
      if (status !== 202) {
        assert.equal(r.headers['content-type'], MEDIA.error, what);
        assert.equal(typeof r.json().error.message, 'string');
      }
    }
    assert.deepEqual(problems, []);
  });

  test('a scan: 202 with an id, 302 with Refresh-After while it runs, then each report type', async () => {
    const accepted = await call('POST', '/scan', { contentType: SCAN_REQUEST_TYPE, body: scanRequest(registryUrl, 'team/insecure', digest, { tag: 'test' }), spec: '/scan' });
    assert.equal(accepted.status, 202);
    assert.equal(accepted.headers['content-type'], MEDIA.scanResponse);
    const { id } = accepted.json();
    const first = await call('GET', `/scan/${id}/report`, { accept: MEDIA.vulnReport11, spec: '/scan/{scan_request_id}/report' });
    assert.equal(first.status, 302, 'the scan has only just been queued');
    assert.equal(first.headers['refresh-after'], '1');
    const { final } = await pollReport(call, id, MEDIA.vulnReport11);
    assert.equal(final.status, 200, final.body);
    assert.equal(final.headers['content-type'], MEDIA.vulnReport11);
    const report = final.json();
    assert.deepEqual(report.artifact, { repository: 'team/insecure', digest, tag: 'test', mime_type: 'application/vnd.oci.image.manifest.v1+json' });
    assert.equal(report.scanner.name, 'seaworthy');
    const byId = new Map(report.vulnerabilities.map((v: any) => [v.id, v]));
    // The image's own problems as rows Harbor shows: the secret left in layer 3, the setuid busybox, root.
    const secret = byId.get('secret-file-in-image') as any;
    assert.ok(secret, `rows: ${[...byId.keys()].join(', ')}`);
    assert.equal(secret.package, '/app/secret.txt');
    assert.equal(secret.vendor_attributes.kind, 'secret');
    assert.match(secret.vendor_attributes.layer_digest, /^sha256:/);
    assert.ok(byId.has('setuid-binary') && byId.has('run-as-root'));
    assert.ok(['Low', 'Medium', 'High', 'Critical'].includes(report.severity));
    assert.ok(!final.body.includes('hunter2-example'), 'the ENV secret is redacted in the report');

    const v10 = await call('GET', `/scan/${id}/report`, { accept: MEDIA.vulnReport10, spec: '/scan/{scan_request_id}/report' });
    assert.equal(v10.headers['content-type'], MEDIA.vulnReport10);
    assert.equal(v10.json().vulnerabilities.length, report.vulnerabilities.length);
    assert.ok(v10.json().vulnerabilities.every((v: any) => v.vendor_attributes === undefined), 'v1.0 predates vendor_attributes');

    const raw = await call('GET', `/scan/${id}/report`, { accept: MEDIA.vulnReportRaw, spec: '/scan/{scan_request_id}/report' });
    assert.equal(raw.status, 200);
    assert.ok(raw.json().findings.some((f: any) => f.ruleId === 'secret-file-in-image'));

    const sbom = await call('GET', `/scan/${id}/report?sbom_media_type=${encodeURIComponent('application/vnd.cyclonedx+json')}`, { accept: MEDIA.sbomReport, spec: '/scan/{scan_request_id}/report' });
    assert.equal(sbom.status, 200, sbom.body);
    assert.equal(sbom.json().media_type, 'application/vnd.cyclonedx+json');
    assert.equal(sbom.json().sbom.bomFormat, 'CycloneDX');
    assert.equal(sbom.json().sbom.metadata.component.hashes[0].content, digest.slice('sha256:'.length));

    // The SBOM report needs its query parameter (400); SPDX is valid but not written (501).
    assert.equal((await call('GET', `/scan/${id}/report`, { accept: MEDIA.sbomReport, spec: '/scan/{scan_request_id}/report' })).status, 400);
    assert.equal((await call('GET', `/scan/${id}/report?sbom_media_type=text/plain`, { accept: MEDIA.sbomReport, spec: '/scan/{scan_request_id}/report' })).status, 400);
    assert.equal((await call('GET', `/scan/${id}/report?sbom_media_type=application/spdx%2Bjson`, { accept: MEDIA.sbomReport, spec: '/scan/{scan_request_id}/report' })).status, 501);
    assert.deepEqual(problems, []);
  });

  test('content negotiation: q-values, wildcards, versions that do not exist', async () => {
    const { id } = (await call('POST', '/scan', { contentType: SCAN_REQUEST_TYPE, body: scanRequest(registryUrl, 'team/insecure', digest), spec: '/scan' })).json();
    await pollReport(call, id, MEDIA.vulnReport11);
    const get = (accept?: string) => call('GET', `/scan/${id}/report`, { ...(accept !== undefined && { accept }), spec: '/scan/{scan_request_id}/report' });
    assert.equal((await get()).headers['content-type'], MEDIA.vulnReport10, 'no Accept: the first type the spec lists');
    assert.equal((await get('*/*')).headers['content-type'], MEDIA.vulnReport10);
    assert.equal((await get(`${MEDIA.vulnReport10}; q=0.2, ${MEDIA.vulnReport11}`)).headers['content-type'], MEDIA.vulnReport11);
    assert.equal((await get('application/vnd.security.vulnerability.report;version="1.1"')).headers['content-type'], MEDIA.vulnReport11);
    const wrongVersion = await get('application/vnd.security.vulnerability.report; version=2.0');
    assert.equal(wrongVersion.status, 501);
    assert.equal(wrongVersion.headers['content-type'], MEDIA.error);
    assert.equal((await get('application/json')).status, 501);
    assert.deepEqual(problems, []);
  });

  test('concurrent requests for one digest share a scan, unless one has a credential and the other none', async () => {
    const post = (authorization?: string) => call('POST', '/scan', { contentType: SCAN_REQUEST_TYPE, body: scanRequest(registryUrl, 'team/insecure', digest, authorization ? { authorization } : {}), spec: '/scan' });
    const [a, b, c] = await Promise.all([post(), post(), post(`Basic ${Buffer.from('u:p').toString('base64')}`)]);
    const scanOf = (r: typeof a) => logs.map((l) => JSON.parse(l)).find((e) => e.event === 'scan.accepted' && e.job === r.json().id)?.scan;
    assert.equal(scanOf(a), scanOf(b));
    assert.notEqual(scanOf(c), scanOf(a));
    for (const r of [a, b, c]) assert.equal((await pollReport(call, r.json().id, MEDIA.vulnReport11)).final.status, 200);
    assert.deepEqual(problems, []);
  });

  test('an unknown id is 404; other methods are 405', async () => {
    const r = await call('GET', '/scan/00000000-0000-0000-0000-000000000000/report', { accept: MEDIA.vulnReport11, spec: '/scan/{scan_request_id}/report' });
    assert.equal(r.status, 404);
    assert.equal((await call('GET', '/scan')).status, 405);
    assert.deepEqual(problems, []);
  });

  test('an image that is not in the registry: the report is a 500 naming it', async () => {
    const missing = 'sha256:' + 'a'.repeat(64);
    const { id } = (await call('POST', '/scan', { contentType: SCAN_REQUEST_TYPE, body: scanRequest(registryUrl, 'team/insecure', missing), spec: '/scan' })).json();
    const { final } = await pollReport(call, id, MEDIA.vulnReport11);
    assert.equal(final.status, 500);
    assert.equal(final.headers['content-type'], MEDIA.error);
    assert.match(final.json().error.message, /manifest|not found|404/i);
    assert.deepEqual(problems, []);
  });
});
