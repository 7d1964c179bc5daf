/** An OCI layout whose tag names an image index: the platform picks the manifest. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { inspectImage } from '../../../src/sources/image/analyze-image.js';
import { hostPlatform } from '../../../src/sources/image/platform.js';
import { gzip, sha256, tarOf, writeLayout } from '../../support/oci-craft.js';

const dir = mkdtempSync(join(tmpdir(), 'seaworthy-index-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('index → manifest by platform, default the host', async () => {
  // Two images in one layout (tags amd and arm), then one index over both under tag multi.
  writeLayout(dir, [{ blob: gzip(await tarOf([{ name: 'bin/bash', content: 'x' }])) }], { architecture: 'amd64' }, 'amd');
  const amd = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).manifests[0];
  writeLayout(dir, [{ blob: gzip(await tarOf([{ name: 'bin/ash', content: 'x' }])) }], { architecture: 'arm64' }, 'arm');
  const arm = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).manifests[0];
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { ...amd, annotations: undefined, platform: { os: 'linux', architecture: 'amd64' } },
        { ...arm, annotations: undefined, platform: { os: 'linux', architecture: 'arm64' } },
      ],
    }),
  );
  writeFileSync(join(dir, 'blobs', 'sha256', sha256(index).slice(7)), index);
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha256(index), size: index.length, annotations: { 'org.opencontainers.image.ref.name': 'multi' } }] }),
  );
  const arm64 = await inspectImage(`oci:${dir}:multi`, { platform: 'linux/arm64' });
  assert.deepEqual(arm64.errors, []);
  assert.equal(arm64.image!.platform.architecture, 'arm64');
  assert.deepEqual(arm64.image!.finalFiles.map((f) => f.path), ['/bin/ash']);
  const s390 = await inspectImage(`oci:${dir}:multi`, { platform: 'linux/s390x' });
  assert.match(s390.errors[0]!.message, /has no image for linux\/s390x; it offers linux\/amd64, linux\/arm64 \(choose one with --platform\)/);
  if (hostPlatform().architecture === 'amd64') {
    const host = await inspectImage(`oci:${dir}:multi`);
    assert.deepEqual(host.image!.finalFiles.map((f) => f.path), ['/bin/bash']);
  }
});
