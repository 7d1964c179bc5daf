import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createDecompressor, sniffCompression } from '../../../src/sources/image/decompress.js';
import { needPrograms } from '../../support/prerequisites.js';

async function decompress(data: Buffer, zstd?: 'zstd' | 'fzstd'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // Small chunks: the sniffing must cope with a header split across writes.
  const parts = Array.from({ length: Math.ceil(data.length / 3) }, (_, i) => data.subarray(i * 3, i * 3 + 3));
  for await (const c of Readable.from(parts).pipe(createDecompressor(zstd))) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const text = Buffer.from('layer bytes '.repeat(1000));

test('sniffing', () => {
  assert.equal(sniffCompression(gzipSync(text)), 'gzip');
  assert.equal(sniffCompression(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])), 'zstd');
  assert.equal(sniffCompression(text), 'none');
});

test('gzip and plain pass through', async () => {
  assert.deepEqual(await decompress(gzipSync(text)), text);
  assert.deepEqual(await decompress(text), text);
  assert.deepEqual(await decompress(Buffer.from('ab')), Buffer.from('ab'));
});

const skip = needPrograms('zstd');
for (const decoder of ['zstd', 'fzstd'] as const) {
  test(`zstd through ${decoder}`, { skip }, async () => {
    const compressed = spawnSync('zstd', ['-c', '-q'], { input: text }).stdout;
    assert.deepEqual(await decompress(compressed, decoder), text);
    const broken = Buffer.concat([compressed.subarray(0, 8), Buffer.alloc(64, 0xff)]);
    await assert.rejects(decompress(broken, decoder), /corrupt zstd data/);
  });
}

for (const decoder of ['zstd', 'fzstd'] as const) {
  test(`a zstd bomb through ${decoder} is decoded only as fast as it is read`, { skip }, async () => {
    // 1 GiB of zeros compress to a few tens of KiB, handed over as one chunk.
    const bomb = spawnSync('sh', ['-c', 'head -c 1073741824 /dev/zero | zstd -c -q'], { maxBuffer: 1 << 30 }).stdout;
    assert.ok(bomb.length < 1 << 20, `${bomb.length} bytes`);
    const stream = createDecompressor(decoder);
    const before = process.memoryUsage().arrayBuffers;
    stream.end(bomb);
    let read = 0;
    let peak = 0;
    // A consumer that reads 16 MiB and stops, as a per-layer limit does.
    for await (const c of stream) {
      read += (c as Buffer).length;
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
      if (read >= 16 << 20) break;
    }
    assert.ok(read >= 16 << 20);
    assert.ok(peak < 256 << 20, `buffered ${peak} bytes`);
  });
}
