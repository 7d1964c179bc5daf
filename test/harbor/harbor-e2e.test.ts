/**
 * End to end, as Harbor drives a scanner: a Debian 12 image from a real debootstrap
 * root filesystem, built by buildah and pushed to Debian's docker-registry with TLS
 * and htpasswd; `seaworthy serve harbor` as its own process; scan requests carrying
 * Harbor's `Authorization: Basic …` for that registry; polling until the report.
 * What must be found comes from the conformance data (expectations.tsv), not from
 * the adapter's output. A second registry on loopback, behind a recording front,
 * must never see the credential — not when scanned at the same time, not when the
 * first registry redirects its blobs there — and the logs, metrics, reports and
 * job store must not hold it either.
 */
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { MEDIA } from '../../src/harbor/media-types.js';
import { createImageBuilds, run, type BuiltImages } from '../support/image-builds.js';
import { startAdapter, metricValue, type AdapterProcess } from '../support/harbor-adapter.js';
import { harborClient, pollReport, scanRequest, SCAN_REQUEST_TYPE } from '../support/harbor-client.js';
import { HarborSpec } from '../support/harbor-spec.js';
import { checkDebianExpectations, vulnerabilityRows } from '../support/debian-expectations.js';
import { startRegistry, type LocalRegistry } from '../support/local-registry.js';
import { startRegistryFront, type RegistryFront } from '../support/registry-front.js';
import { conformanceDir, needConformance, needPrograms, prerequisite, repoRoot } from '../support/prerequisites.js';

const ROOTFS = process.env['SEAWORTHY_DEBIAN_ROOTFS'] ?? '/root/.cache/seaworthy/debootstrap-bookworm-minbase.tar';
const skip =
  needConformance('harbor-scanner-spec') ??
  needConformance('vulnerabilities/advisories') ??
  needPrograms('buildah', 'skopeo', 'busybox', 'docker-registry', 'openssl', 'htpasswd') ??
  prerequisite(existsSync(ROOTFS), `${ROOTFS} (run scripts/debian-rootfs.sh; .ci/run does)`);
const vulnDir = join(conformanceDir, 'vulnerabilities');

/** Every file under `dir`, as text. */
function allText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out += statSync(p).isDirectory() ? allText(p) : readFileSync(p, 'utf8');
  }
  return out;
}

describe('Harbor adapter end to end', { skip }, () => {
  const problems: string[] = [];
  let spec: HarborSpec;
  let root: string;
  let images: BuiltImages;
  let secure: LocalRegistry;
  let other: LocalRegistry;
  let otherFront: RegistryFront;
  let secureFront: RegistryFront;
  let adapter: AdapterProcess;
  let call: ReturnType<typeof harborClient>;
  let digest: string;
  let otherDigest: string;
  let basic: string;
  let db: string;
  const bodies: string[] = [];

  before(async () => {
    spec = new HarborSpec();
    root = mkdtempSync(join(tmpdir(), 'seaworthy-harbor-e2e-'));
    db = join(root, 'db');
    const imported = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'db', 'import', join(vulnDir, 'advisories/debian'), '--db', db], { encoding: 'utf8' });
    assert.equal(imported.status, 0, imported.stderr);
    images = createImageBuilds();
    const ctx = join(root, 'ctx');
    cpSync(join(repoRoot, 'test/fixtures/images/vuln-debian'), ctx, { recursive: true });
    copyFileSync(ROOTFS, join(ctx, 'rootfs.tar'));
    images.buildah(['bud', '--isolation', 'chroot', '-q', '-t', 'localhost/vuln-debian:test', '-f', join(ctx, 'Containerfile'), ctx]);
    images.build('insecure');
    secure = await startRegistry({ tls: true, auth: true });
    other = await startRegistry();
    images.buildah(['push', '-q', '--cert-dir', secure.certDir!, '--creds', `${secure.user}:${secure.password}`, 'localhost/vuln-debian:test', `docker://${secure.host}/library/debian:12`]);
    // The same image on the second registry, anonymous: where a redirect for blobs lands.
    images.buildah(['push', '-q', '--tls-verify=false', 'localhost/vuln-debian:test', `docker://${other.host}/library/debian:12`]);
    images.buildah(['push', '-q', '--tls-verify=false', 'localhost/insecure:test', `docker://${other.host}/team/insecure:test`]);
    digest = run('skopeo', ['inspect', '--cert-dir', secure.certDir!, '--creds', `${secure.user}:${secure.password}`, '--format', '{{.Digest}}', `docker://${secure.host}/library/debian:12`]).trim();
    otherDigest = run('skopeo', ['inspect', '--tls-verify=false', '--format', '{{.Digest}}', `docker://${other.host}/team/insecure:test`]).trim();
    otherFront = await startRegistryFront({ host: other.host });
    secureFront = await startRegistryFront({ host: secure.host, ca: readFileSync(join(secure.certDir!, 'ca.crt'), 'utf8') });
    basic = `Basic ${Buffer.from(`${secure.user}:${secure.password}`).toString('base64')}`;
    adapter = await startAdapter(['--db', db, '--store', join(root, 'store'), '--registry-cert-dir', secure.certDir!, '--workers', '2', '--refresh-after', '1']);
    const base = harborClient(adapter.base, spec, problems);
    call = async (method, path, options = {}) => {
      const r = await base(method, path, options);
      bodies.push(r.body);
      return r;
    };
  });

  after(async () => {
    await adapter?.stop();
    await otherFront?.stop();
    await secureFront?.stop();
    await secure?.stop();
    await other?.stop();
    images?.cleanup();
    if (root) rmSync(root, { recursive: true, force: true });
    if (spec) console.log(`# ${spec.total()} responses validated against the spec ${spec.document.info.version}`);
  });

  const submit = async (body: string) => {
    const r = await call('POST', '/scan', { contentType: SCAN_REQUEST_TYPE, body, spec: '/scan' });
    assert.equal(r.status, 202, r.body);
    return r.json().id as string;
  };

  test('Debian 12 image over TLS + htpasswd: the report Harbor shows, as the conformance data expects', { timeout: 900_000 }, async () => {
    const url = `https://${secure.host}`;
    const started = Date.now();
    // Harbor's job service may send the same artifact twice at once (two projects, a retry):
    // both ids are answered from one scan. The second registry is scanned at the same time.
    const [first, second, third] = await Promise.all([
      submit(scanRequest(url, 'library/debian', digest, { authorization: basic, tag: '12' })),
      submit(scanRequest(url, 'library/debian', digest, { authorization: basic })),
      submit(scanRequest(`http://${otherFront.host}`, 'team/insecure', otherDigest, { tag: 'test' })),
    ]);
    const { final, redirects } = await pollReport(call, first, MEDIA.vulnReport11);
    const seconds = (Date.now() - started) / 1000;
    assert.equal(final.status, 200, final.body);
    console.log(`# Debian 12 minbase scan through the adapter: ${seconds.toFixed(1)} s from request to report (${redirects} polls answered 302)`);
    assert.ok(redirects >= 1, 'Harbor was told to come back while the scan ran');
    const report = final.json();
    assert.deepEqual(report.artifact, { repository: 'library/debian', digest, tag: '12', mime_type: 'application/vnd.oci.image.manifest.v1+json' });

    const sbom = await call('GET', `/scan/${first}/report?sbom_media_type=application%2Fvnd.cyclonedx%2Bjson`, { accept: MEDIA.sbomReport, spec: '/scan/{scan_request_id}/report' });
    assert.equal(sbom.status, 200, sbom.body);
    const components = sbom.json().sbom.components as Array<{ name: string; version: string; properties: Array<{ name: string; value: string }> }>;
    const prop = (c: (typeof components)[number], n: string) => c.properties.find((p) => p.name === n)?.value;
    const want = vulnerabilityRows('debootstrap-bookworm-minbase.tsv');
    assert.deepEqual(components.map((c) => c.name).sort(), want.map((r) => r[2]!).sort(), 'the packages debootstrap installed');

    const rows = report.vulnerabilities.filter((v: any) => v.vendor_attributes.advisories);
    const hits = new Set(rows.flatMap((v: any) => v.vendor_attributes.advisories.map((a: string) => `${v.vendor_attributes.source_package}|${a}`)));
    const installed = new Map(components.map((c) => [prop(c, 'seaworthy:source-package') ?? c.name, prop(c, 'seaworthy:source-version') ?? c.version]));
    const { checked, matches, wrong } = checkDebianExpectations(hits as Set<string>, installed);
    assert.deepEqual(wrong, []);
    assert.ok(checked > 300 && matches > 0, `${checked} expectation rows checked, ${matches} must match`);
    console.log(`# expectations.tsv: ${checked} rows checked, ${matches} advisories matched as expected, ${rows.length} vulnerability rows in the Harbor report`);
    for (const v of rows) {
      assert.ok(v.package && v.version && v.links.length, JSON.stringify(v));
      if (/unimportant/.test(v.vendor_attributes.severity_source ?? '')) assert.equal(v.severity, 'Negligible', v.id);
      if (!v.vendor_attributes.severity_source) assert.equal(v.severity, 'Unknown', v.id);
    }
    const zlib = rows.find((v: any) => v.vendor_attributes.advisories.includes('DEBIAN-CVE-2023-45853'));
    assert.equal(zlib.id, 'CVE-2023-45853', "reported under its CVE id, which Harbor's allowlist matches");
    assert.equal(zlib.package, 'zlib1g');
    assert.equal(zlib.fix_version, undefined, 'unfixed in Debian 12');

    // The twin request shares the scan: same rows, its own artifact; one scan ran for both.
    const twin = (await pollReport(call, second, MEDIA.vulnReport11)).final;
    assert.deepEqual(twin.json().vulnerabilities, report.vulnerabilities);
    assert.equal(twin.json().artifact.tag, undefined);
    const metrics = await adapter.metrics();
    assert.equal(metricValue(metrics, 'seaworthy_harbor_scan_requests_total{shared="true"}'), 1);
    const accepted = adapter.output().split('\n').filter((l) => l.includes('"scan.accepted"')).map((l) => JSON.parse(l));
    const scanOf = (job: string) => accepted.find((a) => a.job === job)?.scan;
    assert.equal(scanOf(second), scanOf(first), 'one scan for both requests');
    assert.notEqual(scanOf(third), scanOf(first));
    assert.equal((await pollReport(call, third, MEDIA.vulnReport11)).final.status, 200);
    assert.deepEqual(problems, []);
  });

  test('the credential goes to its registry only: not to the second registry, not after a redirect, nowhere in logs, metrics, reports or the store', { timeout: 600_000 }, async () => {
    // Blob storage elsewhere: the registry (here its front, plain HTTP as Harbor's core URL) redirects blobs to the other host.
    secureFront.redirectBlobsTo = otherFront.host;
    const before = otherFront.requests.length;
    const redirected = await submit(scanRequest(`http://${secureFront.host}`, 'library/debian', digest, { authorization: basic }));
    const r = (await pollReport(call, redirected, MEDIA.vulnReport11)).final;
    secureFront.redirectBlobsTo = undefined;
    assert.equal(r.status, 200, r.body);
    assert.ok(secureFront.requests.some((q) => q.authorization === basic), 'the registry named in the request got the credential');
    assert.ok(otherFront.requests.slice(before).some((q) => /\/blobs\//.test(q.path)), 'the blobs were fetched from the other host');

    const wrong = await submit(scanRequest(`https://${secure.host}`, 'library/debian', digest, { authorization: `Basic ${Buffer.from(`${secure.user}:not-the-password-${secure.password}`).toString('base64')}` }));
    const refused = (await pollReport(call, wrong, MEDIA.vulnReport11)).final;
    assert.equal(refused.status, 500);
    assert.match(refused.json().error.message, /401|refused/);

    const seenByOther = [...otherFront.requests];
    assert.ok(seenByOther.length > 0);
    assert.deepEqual(seenByOther.filter((q) => q.authorization !== undefined), [], 'the second registry never received an Authorization header');
    const secrets = [secure.password!, basic, basic.slice('Basic '.length)];
    const places: Record<string, string> = { logs: adapter.output(), metrics: await adapter.metrics(), reports: bodies.join('\n'), store: allText(join(root, 'store')) };
    for (const [where, text] of Object.entries(places)) for (const s of secrets) assert.ok(!text.includes(s), `the credential appears in the ${where}`);
    assert.ok(places['reports']!.length > 1000 && places['store']!.length > 1000 && places['logs']!.includes('scan.accepted'), 'there was something to search');
    assert.deepEqual(problems, []);
  });
});
