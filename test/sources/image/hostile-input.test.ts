/**
 * Hostile images: broken compression, wrong digests, escaping paths, link tricks,
 * decompression bombs and huge files. Each must give a clear error or a finding,
 * never a crash and never a write outside the test's private temp dir.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { analyzeImage, inspectImage } from '../../../src/sources/image/analyze-image.js';
import { gzip, sha256, tarOf, writeLayout } from '../../support/oci-craft.js';

const root = mkdtempSync(join(tmpdir(), 'seaworthy-hostile-'));
let n = 0;
const fresh = (): string => join(root, `img${n++}`);
after(() => rmSync(root, { recursive: true, force: true }));

const KEY = ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' ') + '\nMIIB\n';

describe('hostile layers', () => {
  test('truncated gzip: a clear layer error, other layers still read', async () => {
    const good = gzip(await tarOf([{ name: 'bin/sh', content: 'x' }]));
    const full = gzip(await tarOf([{ name: 'etc/data', content: Buffer.alloc(100_000, 7) }]));
    const ref = writeLayout(fresh(), [{ blob: good }, { blob: full.subarray(0, full.length >> 1) }]);
    const { image, errors } = await inspectImage(ref);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /layer 1 \(sha256:[a-f0-9]{64}\) could not be read: corrupt gzip data: unexpected end of file/);
    assert.equal(image!.layers[1]!.error !== undefined, true);
    assert.deepEqual(image!.finalFiles.map((f) => f.path), ['/bin/sh']);
  });

  test('digest mismatch: the layer is rejected', async () => {
    const blob = gzip(await tarOf([{ name: 'root/.ssh/id_rsa', content: KEY }]));
    const ref = writeLayout(fresh(), [{ blob, digest: sha256(Buffer.from('something else')) }]);
    const { image, errors } = await inspectImage(ref);
    assert.match(errors[0]!.message, /does not match its digest: expected sha256:[a-f0-9]{64}, got sha256:[a-f0-9]{64}/);
    assert.deepEqual(image!.layers[0]!.files, []);
  });

  test('a manifest blob that does not match its digest', async () => {
    const dir = fresh();
    const ref = writeLayout(dir, [{ blob: gzip(await tarOf([{ name: 'a', content: 'a' }])) }]);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    writeFileSync(join(dir, 'blobs', 'sha256', index.manifests[0]!.digest.slice(7)), '{"schemaVersion":2}');
    const { errors } = await inspectImage(ref);
    assert.match(errors[0]!.message, /manifest sha256:[a-f0-9]{64} in .* does not match its digest/);
  });

  test('../ and absolute paths: reported, never followed', async () => {
    const blob = gzip(
      await tarOf([
        { name: '../../../../tmp/seaworthy-escape', content: 'x' },
        { name: '/etc/abs-secret.env', content: 'A=1' },
        { name: 'a/../../b', content: 'y' },
      ]),
    );
    const ref = writeLayout(fresh(), [{ blob }]);
    const { image, errors } = await inspectImage(ref);
    const messages = errors.map((e) => e.message).join('\n');
    assert.match(messages, /tar entry "..\/..\/..\/..\/tmp\/seaworthy-escape" climbs above the image root; ignored/);
    assert.match(messages, /tar entry "a\/..\/..\/b" climbs above the image root/);
    assert.match(messages, /tar entry "\/etc\/abs-secret.env" has an absolute path; read as \/etc\/abs-secret.env/);
    assert.equal(existsSync('/tmp/seaworthy-escape'), false);
    assert.ok(image!.layers[0]!.files.every((f) => f.path.startsWith('/')));
  });

  test('symlink and hardlink tricks: links are facts, never followed', async () => {
    const blob = gzip(
      await tarOf([
        { name: 'app', type: 'directory' },
        { name: 'app/id_rsa', type: 'symlink', linkname: '/etc/shadow' },
        { name: 'app/evil', type: 'link', linkname: '../../../etc/passwd' },
        { name: 'bin/sh', type: 'symlink', linkname: '../../../../bin/busybox' },
      ]),
    );
    const ref = writeLayout(fresh(), [{ blob }]);
    const { image, errors } = await inspectImage(ref);
    assert.match(errors.map((e) => e.message).join('\n'), /hard link \/app\/evil points outside the image root/);
    const byPath = new Map(image!.finalFiles.map((f) => [f.path, f]));
    assert.equal(byPath.get('/bin/sh')?.type, 'symlink');
    assert.equal(byPath.get('/app/id_rsa')?.facts.secretName, 'SSH private key');
    assert.equal(byPath.get('/app/id_rsa')?.facts.secretContent, undefined);
  });

  test('decompression bomb: per-layer and per-image limits stop reading', async () => {
    const bomb = gzip(await tarOf([{ name: 'zeros', content: Buffer.alloc(8 << 20) }]));
    assert.ok(bomb.length < 64 << 10);
    const ref = writeLayout(fresh(), [{ blob: bomb }]);
    const { errors } = await inspectImage(ref, { limits: { maxLayerBytes: 1 << 20 } });
    assert.match(errors[0]!.message, /layer expands to more than 1048576 bytes \(limit maxLayerBytes\); stopped reading/);
    const twice = writeLayout(fresh(), [{ blob: bomb }, { blob: gzip(await tarOf([{ name: 'more', content: Buffer.alloc(8 << 20, 1) }])) }]);
    const r = await inspectImage(twice, { limits: { maxImageBytes: 12 << 20 }, concurrency: 1 });
    assert.match(r.errors.map((e) => e.message).join('\n'), /image expands to more than 12582912 bytes \(limit maxImageBytes\)/);
  });

  test('too many entries', async () => {
    const blob = gzip(await tarOf(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, content: '' }))));
    const { errors } = await inspectImage(writeLayout(fresh(), [{ blob }]), { limits: { maxEntries: 10 } });
    assert.match(errors[0]!.message, /more than 10 tar entries \(limit maxEntries\)/);
  });

  test('huge files: content scanned only up to the limit', async () => {
    const big = Buffer.alloc(3 << 20, 'a');
    const early = Buffer.concat([Buffer.from(KEY), big]);
    const late = Buffer.concat([big, Buffer.from(KEY)]);
    const blob = gzip(await tarOf([{ name: 'data/early.bin', content: early }, { name: 'data/late.bin', content: late }]));
    const { image } = await inspectImage(writeLayout(fresh(), [{ blob }]), { limits: { contentScanBytes: 1 << 20 } });
    const paths = image!.finalFiles.map((f) => f.path);
    assert.deepEqual(paths, ['/data/early.bin']);
    assert.deepEqual(image!.finalFiles[0]!.facts.secretContent, ['PEM private key']);
  });

  test('garbage instead of a tar', async () => {
    const blob = Buffer.from('this is not a tar archive at all, '.repeat(40));
    const { errors } = await inspectImage(writeLayout(fresh(), [{ blob }]));
    assert.match(errors[0]!.message, /layer 0 .* could not be read: /);
  });

  test('an oci-archive that is not a tar, a docker-archive without manifest', async () => {
    const file = join(root, 'not.tar');
    writeFileSync(file, Buffer.alloc(2048, 0x41));
    const a = await analyzeImage(`oci-archive:${file}`);
    assert.match(a.errors[0]!.message, /is not a tar archive \(bad header checksum at byte 0\)/);
    const empty = join(root, 'empty.tar');
    writeFileSync(empty, await tarOf([{ name: 'hello', content: 'x' }]));
    const b = await analyzeImage(`docker-archive:${empty}`);
    assert.match(b.errors[0]!.message, /manifest.json is missing from/);
  });

  test('unknown transport and bad names are errors, not crashes', async () => {
    assert.match((await analyzeImage('ftp:thing')).errors[0]!.message, /unknown transport/);
    assert.match((await analyzeImage('docker://Bad/Name')).errors[0]!.message, /not a valid repository name/);
  });
});
