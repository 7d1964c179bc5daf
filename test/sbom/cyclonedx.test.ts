import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { inspectImage } from '../../src/sources/image/analyze-image.js';
import { formatCycloneDx, packageUrl, writeSbom } from '../../src/sbom/cyclonedx.js';
import { gzip, tarOf, writeLayout } from '../support/oci-craft.js';

const root = mkdtempSync(join(tmpdir(), 'seaworthy-sbom-'));
after(() => rmSync(root, { recursive: true, force: true }));

const DPKG = `Package: libc6
Status: install ok installed
Architecture: amd64
Version: 2.36-9+deb12u4

Package: removed-thing
Status: deinstall ok config-files
Version: 1.0

Package: libssl3
Status: install ok installed
Architecture: amd64
Version: 1:3.0.11-1~deb12u2
Description: ssl
 more text
`;
const APK = 'C:Q1abc=\nP:musl\nV:1.2.4-r2\nA:x86_64\n\nP:busybox\nV:1.36.1-r5\nA:x86_64\n';

test('dpkg status and os-release become components with purls', async () => {
  const layers = [
    { blob: gzip(await tarOf([{ name: 'var/lib/dpkg/status', content: 'Package: old\nStatus: install ok installed\nVersion: 0\n' }])) },
    { blob: gzip(await tarOf([{ name: 'var/lib/dpkg/status', content: DPKG }, { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' }])) },
  ];
  const { image } = await inspectImage(writeLayout(join(root, 'deb'), layers));
  assert.deepEqual(image!.os, { id: 'debian', versionId: '12' });
  const bom = formatCycloneDx(image!) as { components: { name: string; purl: string }[]; specVersion: string; bomFormat: string };
  assert.equal(bom.bomFormat, 'CycloneDX');
  assert.equal(bom.specVersion, '1.5');
  assert.deepEqual(bom.components.map((c) => c.purl), [
    'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12',
    'pkg:deb/debian/libssl3@1%3A3.0.11-1~deb12u2?arch=amd64&distro=debian-12',
  ]);
  const out = join(root, 'bom.json');
  await writeSbom(image!, out);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).components.length, 2);
});

test('apk installed database', async () => {
  const layers = [{ blob: gzip(await tarOf([{ name: 'lib/apk/db/installed', content: APK }, { name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.19.1\n' }])) }];
  const { image } = await inspectImage(writeLayout(join(root, 'apk'), layers));
  assert.deepEqual(image!.packages.map((p) => packageUrl(p, image!.os)), [
    'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1',
    'pkg:apk/alpine/busybox@1.36.1-r5?arch=x86_64&distro=alpine-3.19.1',
  ]);
});

test('a deleted package database lists nothing', async () => {
  const layers = [
    { blob: gzip(await tarOf([{ name: 'lib/apk/db/installed', content: APK }])) },
    { blob: gzip(await tarOf([{ name: 'lib/apk/db/.wh.installed', content: '' }])) },
  ];
  const { image } = await inspectImage(writeLayout(join(root, 'gone'), layers));
  assert.deepEqual(image!.packages, []);
});
