/**
 * An image from a stranger: layers cut short, and layout files that are not
 * regular files. Each is a clear error naming what could not be read, with exit
 * code 2 from the CLI, never a hang or an uncaught exception.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { inspectImage } from '../../../src/sources/image/analyze-image.js';
import { gzip, tarOf, writeLayout } from '../../support/oci-craft.js';
import { needPrograms, repoRoot } from '../../support/prerequisites.js';

const root = mkdtempSync(join(tmpdir(), 'seaworthy-layout-'));
let n = 0;
const fresh = (): string => join(root, `img${n++}`);
after(() => rmSync(root, { recursive: true, force: true }));

function cli(ref: string): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, ['--max-old-space-size=256', join(repoRoot, 'bin/seaworthy.js'), 'image', ref, '--format', 'json'], { encoding: 'utf8', timeout: 120_000 });
}

describe('truncated layers and layout files that are not regular files', () => {
  test('an uncompressed tar cut mid-entry is an error naming the layer; exit code 2; the other layer is read', async () => {
    const good = gzip(await tarOf([{ name: 'bin/sh', content: 'x' }]));
    const whole = await tarOf([{ name: 'etc/data', content: Buffer.alloc(100_000, 7) }]);
    const ref = writeLayout(fresh(), [{ blob: good }, { blob: whole.subarray(0, 20_000) }]);
    const { image, errors } = await inspectImage(ref);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /layer 1 \(sha256:[a-f0-9]{64}\) could not be read/);
    assert.deepEqual(image!.finalFiles.map((f) => f.path), ['/bin/sh']);
    const r = cli(ref);
    assert.equal(r.signal, null);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stdout, /layer 1 \(sha256:[a-f0-9]{64}\) could not be read/);
  });

  test('a blob or index.json that is /dev/zero or a FIFO is refused, never read', { skip: needPrograms('mkfifo') }, async () => {
    const dir = fresh();
    const ref = writeLayout(dir, [{ blob: gzip(await tarOf([{ name: 'a', content: 'a' }])) }]);
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    const manifest = join(dir, 'blobs', 'sha256', index.manifests[0]!.digest.slice(7));
    unlinkSync(manifest);
    symlinkSync('/dev/zero', manifest);
    const zero = await inspectImage(ref);
    assert.match(zero.errors[0]!.message, /is not a regular file; not read/);

    unlinkSync(join(dir, 'index.json'));
    spawnSync('mkfifo', [join(dir, 'index.json')]);
    const fifo = await inspectImage(ref);
    assert.match(fifo.errors[0]!.message, /index\.json is not a regular file; not read/);
  });
});

test('a dpkg database of 250k packages is read and listed, within the inventory limit', async () => {
  let status = '';
  for (let i = 0; i < 250_000; i++) status += `Package: pkg${i}\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.${i}-1\n\n`;
  const blob = gzip(await tarOf([{ name: 'var/lib/dpkg/status', content: status }, { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID=12\n' }]));
  const ref = writeLayout(fresh(), [{ blob }]);
  const { image, errors } = await inspectImage(ref);
  assert.deepEqual(errors, []);
  assert.equal(image!.packages.length, 250_000);
});
