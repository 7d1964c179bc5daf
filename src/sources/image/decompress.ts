/**
 * Decompression chosen by the stream's first bytes rather than the declared media
 * type (docker archives say nothing; registries sometimes lie): gzip through
 * node:zlib, zstd through the `zstd` program when it is on PATH (fastest, native)
 * and otherwise the pure-JS `fzstd` decoder, anything else passed through as tar.
 * Backpressure runs end to end, so a slow consumer never makes a layer pile up
 * in memory.
 */
import { Duplex, PassThrough, Transform, type TransformCallback } from 'node:stream';
import { spawn, spawnSync } from 'node:child_process';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

let hasZstdProgram: boolean | undefined;
/** Which zstd decoder this process uses: `zstd` (program) or `fzstd` (npm). */
export function zstdDecoder(): 'zstd' | 'fzstd' {
  hasZstdProgram ??= process.env['SEAWORTHY_ZSTD'] !== 'fzstd' && spawnSync('zstd', ['--version'], { stdio: 'ignore' }).status === 0;
  return hasZstdProgram ? 'zstd' : 'fzstd';
}

/** The compression a stream's first bytes show. */
export function sniffCompression(head: Uint8Array): 'gzip' | 'zstd' | 'none' {
  if (GZIP.every((b, i) => head[i] === b)) return 'gzip';
  if (ZSTD.every((b, i) => head[i] === b)) return 'zstd';
  return 'none';
}

/** A transform that decompresses whatever it is given (gzip, zstd or plain); `zstd` forces a decoder (tests). */
export function createDecompressor(zstd: 'zstd' | 'fzstd' = zstdDecoder()): Transform {
  return new AutoDecompress(zstd);
}

class AutoDecompress extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private inner: Duplex | undefined;
  private plain = false;

  constructor(private readonly zstd: 'zstd' | 'fzstd') {
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
      this.start((err, data) => {
        if (err) return cb(err);
        if (data) this.push(data);
        this._flush(cb);
      });
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
    const inner = kind === 'gzip' ? createGunzip({ chunkSize: 1 << 20 }) : this.zstd === 'zstd' ? zstdProgram() : fzstdTransform();
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

/** `zstd -dc` as a stream; it is killed when the stream is destroyed early. */
function zstdProgram(): Duplex {
  const child = spawn('zstd', ['-dc', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-500)));
  // The output ends only once zstd has exited cleanly, so a corrupt frame is an error, not a short read.
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  child.stdout.pipe(out, { end: false });
  const duplex = Duplex.from({ writable: child.stdin, readable: out });
  child.on('close', (code) => {
    if (code) duplex.destroy(new Error(stderr.trim() || `zstd exited with ${code}`));
    else out.end();
  });
  child.stdin.on('error', () => undefined);
  duplex.on('close', () => {
    if (child.exitCode === null) child.kill();
  });
  return duplex;
}

/**
 * Input slice fed to fzstd at a time. fzstd hands over everything one `push`
 * decodes, at once and whatever the reader's pace: a zstd block of a few bytes can
 * stand for 128 KiB, so a whole 1 MiB chunk could become gigabytes in one call.
 * Fed 1 KiB at a time, one call yields at most a few tens of MiB, and the next
 * slice waits until the reader has taken what is buffered.
 */
const FZSTD_SLICE = 1024;

function fzstdTransform(): Transform {
  return new FzstdTransform();
}

class FzstdTransform extends Transform {
  private full = false;
  private wake: (() => void) | undefined;
  private readonly decoder = new ZstdDecompress((data) => {
    if (!this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength))) this.full = true;
  });

  constructor() {
    super({ readableHighWaterMark: 1 << 20 });
  }

  override _read(size: number): void {
    this.full = false;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
    super._read(size);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.feed(chunk, 0, cb);
  }

  override _flush(cb: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  private feed(chunk: Buffer, from: number, cb: TransformCallback): void {
    let at = from;
    try {
      while (at < chunk.length) {
        const end = Math.min(at + FZSTD_SLICE, chunk.length);
        this.decoder.push(chunk.subarray(at, end));
        at = end;
        if (this.full && at < chunk.length) {
          // Wait for the reader before decoding more.
          const next = at;
          this.wake = () => this.feed(chunk, next, cb);
          return;
        }
      }
    } catch (e) {
      cb(e as Error);
      return;
    }
    cb();
  }
}
