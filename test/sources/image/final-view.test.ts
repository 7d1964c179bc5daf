import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { inspectImage } from '../../../src/sources/image/analyze-image.js';
import { gzip, tarOf, writeLayout, type CraftEntry } from '../../support/oci-craft.js';

const root = mkdtempSync(join(tmpdir(), 'seaworthy-view-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

async function view(...layers: CraftEntry[][]) {
  const blobs = await Promise.all(layers.map(async (l) => ({ blob: gzip(await tarOf(l)), createdBy: `RUN step ${n}` })));
  const { image, errors } = await inspectImage(writeLayout(join(root, `v${n++}`), blobs));
  assert.deepEqual(errors, []);
  return image!;
}

test('a whiteout hides a file from the final view; its layer keeps it, marked', async () => {
  const image = await view([{ name: 'app/.env', content: 'A=1' }], [{ name: 'app/.wh..env', content: '' }]);
  assert.deepEqual(image.finalFiles, []);
  assert.deepEqual(image.layers[0]!.files[0]!.deletedBy, { layerIndex: 1, how: 'whiteout' });
  assert.deepEqual(image.layers[1]!.whiteouts, [{ path: '/app/.env', opaque: false }]);
});

test('a whiteout of a directory hides what is under it', async () => {
  const image = await view([{ name: 'root/.ssh/id_rsa', content: 'k' }, { name: 'bin/sh', content: 'x' }], [{ name: 'root/.wh..ssh', content: '' }]);
  assert.deepEqual(image.finalFiles.map((f) => f.path), ['/bin/sh']);
});

test('an opaque directory hides lower layers only, not its own layer', async () => {
  const image = await view(
    [{ name: 'etc/app/credentials', content: 'x' }, { name: 'etc/app/old.npmrc', content: '' }],
    [{ name: 'etc/app/.wh..wh..opq', content: '' }, { name: 'etc/app/.npmrc', content: 'x' }],
  );
  assert.deepEqual(image.finalFiles.map((f) => `${f.path}@${f.layerIndex}`), ['/etc/app/.npmrc@1']);
  assert.equal(image.layers[0]!.files[0]!.deletedBy?.how, 'opaque');
});

test('a later layer that rewrites a setuid file without the bit clears the finding', async () => {
  const image = await view([{ name: 'usr/bin/passwd', mode: 0o4755, content: 'x' }], [{ name: 'usr/bin/passwd', mode: 0o755, content: 'x' }]);
  assert.deepEqual(image.finalFiles, []);
  assert.deepEqual(image.layers[0]!.files[0]!.deletedBy, { layerIndex: 1, how: 'replaced' });
});

test('facts: shells and package managers only in bin dirs, setgid, key files by content', async () => {
  const image = await view([
    { name: 'bin/bash', content: 'x' },
    { name: 'usr/share/bash-completion/completions/bash', content: 'x' },
    { name: 'usr/bin/apt-get', content: 'x' },
    { name: 'sbin/apk', content: 'x' },
    { name: 'usr/bin/wall', mode: 0o2755, content: 'x' },
    { name: 'etc/ssl/certs/ca.pem', content: '-----BEGIN CERTIFICATE-----\n' },
    { name: 'srv/tls.key', content: ['-----BEGIN EC', 'PRIVATE KEY-----'].join(' ') },
    { name: 'usr/lib/python3/secrets.py', content: 'x' },
    { name: 'srv/config.yaml', content: 'token: ' + 'ghp_' + 'a'.repeat(36) },
  ]);
  const facts = Object.fromEntries(image.finalFiles.map((f) => [f.path, f.facts]));
  assert.deepEqual(facts, {
    '/bin/bash': { shell: 'bash' },
    '/usr/bin/apt-get': { packageManager: 'apt' },
    '/sbin/apk': { packageManager: 'apk' },
    '/usr/bin/wall': { setgid: true },
    '/srv/tls.key': { secretContent: ['PEM private key'], secretName: 'private key file' },
    '/srv/config.yaml': { secretContent: ['GitHub token'] },
  });
});
