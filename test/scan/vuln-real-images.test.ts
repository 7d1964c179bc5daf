/**
 * Vulnerability scanning of real images built by buildah: a Debian 12 image from
 * a real `debootstrap --variant=minbase bookworm` root filesystem, an Alpine-style
 * apk image, and a distroless-style status.d image. What must be found comes from
 * the conformance folder (debootstrap-bookworm-minbase.tsv, expectations.tsv), not
 * from the scanner's own output.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformanceDir, needConformance, needPrograms, prerequisite, repoRoot } from '../support/prerequisites.js';
import { BUSYBOX, createImageBuilds, type BuiltImages } from '../support/image-builds.js';
import { checkDebianExpectations } from '../support/debian-expectations.js';

const ROOTFS = process.env['SEAWORTHY_DEBIAN_ROOTFS'] ?? '/root/.cache/seaworthy/debootstrap-bookworm-minbase.tar';
const skipBuild = needPrograms('buildah', 'skopeo', 'busybox') ?? needConformance('vulnerabilities/advisories');
const skipDebian = skipBuild ?? prerequisite(existsSync(ROOTFS), `${ROOTFS} (run scripts/debian-rootfs.sh; .ci/run does)`);
const vulnDir = join(conformanceDir, 'vulnerabilities');
const root = mkdtempSync(join(tmpdir(), 'seaworthy-vuln-images-'));
let images: BuiltImages | undefined;
let debianDb = '';
after(() => {
  images?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

interface Finding {
  ruleId: string;
  message: string;
  severity: string;
  related?: Array<{ location: { file: string; startLine: number } }>;
  vulnerability?: { advisoryId: string; package: string; sourcePackage: string; installedVersion: string; fixedVersion?: string };
}

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function tsv(file: string): string[][] {
  const lines = readFileSync(join(vulnDir, file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  return lines.slice(1).map((l) => l.split('\t'));
}

/** Builds a context from a fixture plus extra files, and exports the image as an OCI archive. */
function build(name: string, extra: Record<string, string | Buffer>): string {
  const ctx = join(root, `ctx-${name}`);
  cpSync(join(repoRoot, 'test/fixtures/images', name), ctx, { recursive: true });
  for (const [file, content] of Object.entries(extra)) {
    mkdirSync(join(ctx, file, '..'), { recursive: true });
    if (file === 'rootfs.tar' || file === 'busybox') copyFileSync(content as string, join(ctx, file));
    else writeFileSync(join(ctx, file), content);
  }
  images!.buildah(['bud', '--isolation', 'chroot', '--layers', '-q', '-t', `localhost/${name}:test`, '-f', join(ctx, 'Containerfile'), ctx]);
  return images!.export(name, 'oci-archive');
}

before(() => {
  if (skipBuild) return;
  images = createImageBuilds();
  debianDb = join(root, 'db-debian');
  const r = cli(['db', 'import', join(vulnDir, 'advisories/debian'), '--db', debianDb]);
  assert.equal(r.code, 0, r.stderr);
});

test('Debian 12 minbase (debootstrap): inventory as debootstrap recorded it, findings as expectations.tsv says', { skip: skipDebian, timeout: 900_000 }, () => {
  const ref = build('vuln-debian', { 'rootfs.tar': ROOTFS });
  const containerfile = join(repoRoot, 'test/fixtures/images/vuln-debian/Containerfile');

  // Inventory against debootstrap-bookworm-minbase.tsv (source, source version, binary, version, arch).
  const bom = JSON.parse(cli(['image', ref, '--sbom', 'cyclonedx']).stdout) as { components: Array<{ name: string; version: string; properties: Array<{ name: string; value: string }> }> };
  const prop = (c: (typeof bom.components)[number], n: string) => c.properties.find((p) => p.name === n)?.value;
  const got = new Map(bom.components.map((c) => [c.name, c]));
  const want = tsv('debootstrap-bookworm-minbase.tsv');
  assert.deepEqual([...got.keys()].sort(), want.map((r) => r[2]!).sort(), 'the same binary packages');
  const sameRelease = got.get('base-files')?.version === want.find((r) => r[2] === 'base-files')![3];
  const drift: string[] = [];
  for (const [source, sourceVersion, binary, version, arch] of want) {
    const c = got.get(binary!)!;
    const row = [prop(c, 'seaworthy:source-package') ?? c.name, prop(c, 'seaworthy:source-version') ?? c.version, c.name, c.version, prop(c, 'seaworthy:architecture')];
    if (JSON.stringify(row) !== JSON.stringify([source, sourceVersion, binary, version, arch])) drift.push(`${binary}: ${row.join(' ')} vs ${[source, sourceVersion, binary, version, arch].join(' ')}`);
  }
  // A later Debian point release moves versions; names and sources must still agree.
  if (sameRelease) assert.deepEqual(drift, []);
  else console.log(`# Debian point release moved since the conformance data: ${drift.length} version differences`);

  const r = cli(['image', ref, '--scanners', 'vuln', '--db', debianDb, '--containerfile', containerfile, '-f', 'json']);
  assert.equal(r.code, 1, r.stderr);
  const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings.filter((f) => f.ruleId === 'vulnerable-package');
  const hits = new Set(findings.map((f) => `${f.vulnerability!.sourcePackage}|${f.vulnerability!.advisoryId}`));
  const installedSource = new Map(bom.components.map((c) => [prop(c, 'seaworthy:source-package') ?? c.name, prop(c, 'seaworthy:source-version') ?? c.version]));
  const { checked, matches, wrong } = checkDebianExpectations(hits, installedSource);
  assert.deepEqual(wrong, []);
  if (sameRelease) assert.equal(matches, 8, 'the README: 8 advisories match this rootfs');
  assert.ok(checked > 300, `${checked} expectation rows checked`);
  const zlib = findings.find((f) => f.vulnerability!.advisoryId === 'DEBIAN-CVE-2023-45853')!;
  assert.match(zlib.message, /zlib1g \(source zlib\) .* unfixed in Debian:12\. Installed by layer 0 /);
  assert.equal(zlib.related?.[0]?.location.startLine, 5, 'linked to the ADD line of the Containerfile');
});

test('apk image: origin packages, the release from alpine-release, the upgrade layer, Alpine advisories only', { skip: skipBuild, timeout: 300_000 }, () => {
  // The upgrade also brings a new package: buildah's vfs driver compares size and mtime,
  // so a same-size rewrite of the database would not make it into the layer.
  const apk = (busybox: string, extra = '') => `P:busybox\nV:${busybox}\nA:x86_64\no:busybox\n\n${extra}P:libcrypto3\nV:3.1.4-r5\nA:x86_64\no:openssl\n\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\no:musl\n`;
  const ref = build('vuln-apk', { busybox: BUSYBOX, 'alpine-release': '3.19.1\n', repositories: 'https://dl-cdn.alpinelinux.org/alpine/v3.19/main\n', 'installed-1': apk('1.36.1-r15'), 'installed-2': apk('1.36.1-r19', 'P:ssl_client\nV:1.36.1-r19\nA:x86_64\no:busybox\n\n') });
  // Alpine's ecosystem as OSV names it, the same package name under Debian (never to match), and a fix in another branch.
  const advisories = join(root, 'alpine-osv');
  mkdirSync(advisories, { recursive: true });
  const rec = (id: string, affected: object[]) => writeFileSync(join(advisories, `${id}.json`), JSON.stringify({ schema_version: '1.7.0', id, modified: '2026-01-01T00:00:00Z', aliases: [`CVE-${id}`], affected }));
  const range = (fixed?: string) => [{ type: 'ECOSYSTEM', events: fixed ? [{ introduced: '0' }, { fixed }] : [{ introduced: '0' }] }];
  rec('ALPINE-T-1', [{ package: { ecosystem: 'Alpine:v3.19', name: 'openssl' }, ranges: range('3.1.4-r6') }]);
  rec('ALPINE-T-2', [{ package: { ecosystem: 'Alpine:v3.19', name: 'busybox' }, ranges: range('1.36.1-r16') }]);
  rec('ALPINE-T-3', [{ package: { ecosystem: 'Alpine:v3.18', name: 'musl' }, ranges: range('1.2.5-r0') }]);
  rec('DEBIAN-T-4', [{ package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: range() }]);
  rec('ALPINE-T-5', [{ package: { ecosystem: 'Alpine:v3.19', name: 'musl' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.2.4_git20230717-r0' }, { last_affected: '1.2.4_git20230717-r4' }] }] }]);
  const db = join(root, 'db-alpine');
  assert.equal(cli(['db', 'import', advisories, '--db', db]).code, 0);
  const r = cli(['image', ref, '--scanners', 'vuln', '--db', db, '-f', 'json']);
  const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
  assert.deepEqual(findings.map((f) => [f.vulnerability!.advisoryId, f.vulnerability!.package, f.vulnerability!.fixedVersion]).sort(), [
    ['ALPINE-T-1', 'libcrypto3', '3.1.4-r6'],
    ['ALPINE-T-5', 'musl', undefined],
  ], 'busybox was upgraded past the fix; another branch and another ecosystem never match');
  const sbom = JSON.parse(cli(['image', ref, '--sbom', 'cyclonedx']).stdout) as { components: Array<{ name: string; properties: Array<{ name: string; value: string }> }>; metadata: { properties: Array<{ name: string; value: string }> } };
  const busybox = sbom.components.find((c) => c.name === 'busybox')!;
  assert.equal(busybox.properties.find((p) => p.name === 'seaworthy:layer-index')?.value, '5', 'the layer whose database holds the upgraded version');
  assert.equal(sbom.metadata.properties.find((p) => p.name === 'seaworthy:osv-ecosystem')?.value, 'Alpine:v3.19');
});

test('distroless status.d image: packages read from status.d, matched like dpkg ones', { skip: skipBuild, timeout: 300_000 }, () => {
  const rows = tsv('debootstrap-bookworm-minbase.tsv');
  const para = (binary: string) => {
    const [source, sourceVersion, , version, arch] = rows.find((r) => r[2] === binary)!;
    return `Package: ${binary}\nVersion: ${version}\nArchitecture: ${arch}\n${source !== binary ? `Source: ${source}${sourceVersion !== version ? ` (${sourceVersion})` : ''}\n` : ''}Maintainer: Debian\nDescription: ${binary}\n`;
  };
  const ref = build('vuln-distroless', {
    'os-release': 'PRETTY_NAME="Distroless"\nID=debian\nVERSION_ID="12"\n',
    'status.d/base-files': para('base-files'),
    'status.d/libc6': para('libc6'),
    'status.d/zlib1g': para('zlib1g'),
  });
  const r = cli(['image', ref, '--scanners', 'vuln', '--db', debianDb, '-f', 'json']);
  const findings = (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
  const want = tsv('expectations.tsv').filter((c) => c[0] === 'Debian:12' && ['glibc', 'zlib'].includes(c[1]!) && c[5] === 'match' && c[3] === rows.find((x) => x[0] === c[1])![1]).map((c) => c[4]).sort();
  assert.deepEqual(findings.map((f) => f.vulnerability!.advisoryId).sort(), want);
  assert.ok(want.includes('DEBIAN-CVE-2023-45853'));
  assert.match(findings[0]!.message, /Installed by layer 3 /, 'zlib1g came with the fourth COPY');
});
