/**
 * Decompression chosen by the stream's first bytes rather than the declared media
 * type (docker archives say nothing; registries sometimes lie): gzip through
 * node:zlib, zstd through the `zstd` program when it is on PATH (fastest, native)
 * and otherwise the pure-JS `fzstd` decoder, anything else passed through as tar.
 * Backpressure runs end to end, so a slow consumer never makes a layer pile up
 * in memory.
 */
import { Duplex, Transform, type TransformCallback } from 'node:stream';
import { spawn, spawnSync } from 'node:child_process';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

let zstdProgram: boolean | undefined;
/** Which zstd decoder this process uses: `zstd` (program) or `fzstd` (npm). */
export function zstdDecoder(): 'zstd' | 'fzstd' {
  zstdProgram ??= process.env['SEAWORTHY_ZSTD'] !== 'fzstd' && spawnSync('zstd', ['--version'], { stdio: 'ignore' }).status === 0;
  return zstdProgram ? 'zstd' : 'fzstd';
}

/** The compression a stream's first bytes show. */
export function sniffCompression(head: Uint8Array): 'gzip' | 'zstd' | 'none' {
  if (GZIP.every((b, i) => head[i] === b)) return 'gzip';
  if (ZSTD.every((b, i) => head[i] === b)) return 'zstd';
  return 'none';
}

/** A transform that decompresses whatever it is given (gzip, zstd or plain). */
export function createDecompressor(): Transform {
  return new AutoDecompress();
}

class AutoDecompress extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private inner: Duplex | undefined;
  private plain = false;

  constructor() {
    super({ readableHighWaterMark: 1 << 20 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.plain) return cb(null, chunk);
    if (this.inner) return this.feed(chunk, cb);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < 4) return cb();
    this.start(cb);
  }

  override _flush(cb: TransformCallback): void {
    if (!this.inner && !this.plain) {
      if (this.headBytes === 0) return cb();
      this.start((err) => (err ? cb(err) : this._flush(cb)));
      return;
    }
    if (this.plain || !this.inner) return cb();
    const inner = this.inner;
    inner.once('end', () => cb());
    inner.end();
  }

  override _read(size: number): void {
    this.inner?.resume();
    super._read(size);
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.inner?.destroy();
    cb(err);
  }

  private start(cb: TransformCallback): void {
    const first = Buffer.concat(this.head);
    this.head = [];
    const kind = sniffCompression(first);
    if (kind === 'none') {
      this.plain = true;
      return cb(null, first);
    }
    const inner = kind === 'gzip' ? createGunzip({ chunkSize: 1 << 20 }) : zstdStream();
    this.inner = inner;
    inner.on('data', (d: Buffer) => {
      if (!this.push(d)) inner.pause();
    });
    inner.on('error', (e: Error) => this.destroy(new Error(`corrupt ${kind} data: ${e.message}`)));
    this.feed(first, cb);
  }

  private feed(chunk: Buffer, cb: TransformCallback): void {
    if (this.inner!.write(chunk)) cb();
    else this.inner!.once('drain', () => cb());
  }
}

function zstdStream(): Duplex {
  if (zstdDecoder() === 'zstd') {
    const child = spawn('zstd', ['-dc', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-500)));
    const duplex = Duplex.from({ writable: child.stdin, readable: child.stdout });
    child.on('close', (code) => {
      if (code) duplex.destroy(new Error(stderr.trim() || `zstd exited with ${code}`));
    });
    child.stdin.on('error', () => undefined);
    return duplex;
  }
  return fzstdTransform();
}

function fzstdTransform(): Transform {
  let decoder: ZstdDecompress;
  const t = new Transform({
    transform(chunk: Buffer, _e, cb) {
      try {
        decoder.push(chunk);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb) {
      try {
        decoder.push(new Uint8Array(0), true);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
  decoder = new ZstdDecompress((data) => t.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength)));
  return t;
}
