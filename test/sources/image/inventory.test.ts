/**
 * The package inventory of an image: source packages, the installing layer,
 * distroless status.d, Alpine's release and origin, and what the SBOM carries.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { inspectImage } from '../../../src/sources/image/analyze-image.js';
import { formatCycloneDx } from '../../../src/sbom/cyclonedx.js';
import { alpineBranchOf, parseDpkgStatus } from '../../../src/sources/image/inventory.js';
import { gzip, tarOf, writeLayout } from '../../support/oci-craft.js';

const root = mkdtempSync(join(tmpdir(), 'seaworthy-inventory-'));
after(() => rmSync(root, { recursive: true, force: true }));

const para = (name: string, version: string, source?: string): string =>
  `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\n${source ? `Source: ${source}\n` : ''}Version: ${version}\n`;

test('dpkg Source: gives the source package, and its version when a binNMU differs', () => {
  const pkgs = parseDpkgStatus([para('bash', '5.2.15-2+b13', 'bash (5.2.15-2)'), para('libc6', '2.36-9+deb12u14', 'glibc'), para('dash', '0.5.12-2')].join('\n'), '/var/lib/dpkg/status');
  assert.deepEqual(
    pkgs.map((p) => [p.name, p.version, p.sourceName, p.sourceVersion]),
    [
      ['bash', '5.2.15-2+b13', 'bash', '5.2.15-2'],
      ['libc6', '2.36-9+deb12u14', 'glibc', undefined],
      ['dash', '0.5.12-2', undefined, undefined],
    ],
  );
});

test('each package is attributed to the layer that installed it at its final version', async () => {
  const base = [para('libc6', '2.36-8', 'glibc'), para('zlib1g', '1:1.2.13.dfsg-1', 'zlib')];
  const layers = [
    { blob: gzip(await tarOf([{ name: 'var/lib/dpkg/status', content: base.join('\n') }, { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }])) },
    // apt-get install curl: the database is rewritten, libc6 and zlib1g untouched.
    { blob: gzip(await tarOf([{ name: 'var/lib/dpkg/status', content: [...base, para('curl', '7.88.1-10+deb12u8')].join('\n') }])) },
    // apt-get upgrade: libc6 moves to a new version in this layer.
    { blob: gzip(await tarOf([{ name: 'var/lib/dpkg/status', content: [para('libc6', '2.36-9+deb12u14', 'glibc'), base[1]!, para('curl', '7.88.1-10+deb12u8')].join('\n') }])) },
  ];
  const { image } = await inspectImage(writeLayout(join(root, 'layers'), layers));
  assert.deepEqual(
    image!.packages.map((p) => [p.name, p.layerIndex]),
    [
      ['libc6', 2],
      ['zlib1g', 0],
      ['curl', 1],
    ],
  );
  const bom = formatCycloneDx(image!) as { components: { name: string; properties: { name: string; value: string }[] }[]; metadata: { properties: { name: string; value: string }[] } };
  const libc = bom.components.find((c) => c.name === 'libc6')!;
  const prop = (n: string) => libc.properties.find((p) => p.name === n)?.value;
  assert.equal(prop('seaworthy:source-package'), 'glibc');
  assert.equal(prop('seaworthy:layer-index'), '2');
  assert.equal(prop('seaworthy:architecture'), 'amd64');
  assert.match(prop('seaworthy:layer-digest') ?? '', /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(bom.metadata.properties.find((p) => p.name === 'seaworthy:osv-ecosystem')?.value, 'Debian:12');
});

test('distroless status.d: one file per package, each its own layer', async () => {
  const layers = [
    { blob: gzip(await tarOf([{ name: 'var/lib/dpkg/status.d/base-files', content: para('base-files', '12.4+deb12u5') }, { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }])) },
    { blob: gzip(await tarOf([{ name: 'var/lib/dpkg/status.d/libssl3', content: para('libssl3', '3.0.15-1~deb12u1', 'openssl') }])) },
  ];
  const { image } = await inspectImage(writeLayout(join(root, 'distroless'), layers));
  assert.deepEqual(image!.packages.map((p) => [p.name, p.sourceName, p.layerIndex, p.source]), [
    ['base-files', undefined, 0, '/var/lib/dpkg/status.d/base-files'],
    ['libssl3', 'openssl', 1, '/var/lib/dpkg/status.d/libssl3'],
  ]);
});

test('Alpine: release from /etc/alpine-release, origin as the source package', async () => {
  const apk = 'P:libcrypto3\nV:3.1.4-r5\nA:x86_64\no:openssl\n\nP:busybox\nV:1.36.1-r15\nA:x86_64\no:busybox\n';
  const layers = [{ blob: gzip(await tarOf([{ name: 'lib/apk/db/installed', content: apk }, { name: 'etc/alpine-release', content: '3.19.1\n' }])) }];
  const { image } = await inspectImage(writeLayout(join(root, 'alpine'), layers));
  assert.deepEqual(image!.os, { id: 'alpine', versionId: '3.19.1' });
  assert.deepEqual(image!.packages.map((p) => [p.name, p.sourceName]), [['libcrypto3', 'openssl'], ['busybox', 'busybox']]);
  assert.equal(alpineBranchOf('https://dl-cdn.alpinelinux.org/alpine/v3.20/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.20/community\n'), '3.20');
  assert.equal(alpineBranchOf('https://dl-cdn.alpinelinux.org/alpine/edge/main\n'), undefined);
});

test('an old rpm BerkeleyDB is reported as a gap in the inventory, not silently empty', async () => {
  const layers = [{ blob: gzip(await tarOf([{ name: 'var/lib/rpm/Packages', content: 'not sqlite' }, { name: 'etc/os-release', content: 'ID="centos"\nVERSION_ID="7"\n' }])) }];
  const { image } = await inspectImage(writeLayout(join(root, 'bdb'), layers));
  assert.deepEqual(image!.packages, []);
  assert.match(image!.inventoryGaps?.[0] ?? '', /\/var\/lib\/rpm\/Packages: .*BerkeleyDB/);
});
