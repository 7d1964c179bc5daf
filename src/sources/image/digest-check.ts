/**
 * Content addressing: every blob is checked against the digest it was asked for,
 * whether read whole (manifests, configs) or streamed (layers).
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

const DIGEST = /^(sha256|sha512):([a-f0-9]+)$/;

/** Throws unless `digest` is a well-formed sha256/sha512 digest (also guards blob paths). */
export function parseDigest(digest: string): { algorithm: 'sha256' | 'sha512'; hex: string } {
  const m = DIGEST.exec(digest);
  const len = m?.[1] === 'sha256' ? 64 : 128;
  if (!m || m[2]!.length !== len) throw new Error(`malformed digest ${JSON.stringify(digest.slice(0, 80))}`);
  return { algorithm: m[1] as 'sha256' | 'sha512', hex: m[2]! };
}

export function digestOf(data: Uint8Array, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/** Throws when `data` does not hash to `digest`. */
export function verifyDigest(data: Uint8Array, digest: string, what: string): void {
  const { algorithm } = parseDigest(digest);
  const actual = digestOf(data, algorithm);
  if (actual !== digest) throw new DigestMismatchError(what, digest, actual);
}

export class DigestMismatchError extends Error {
  constructor(what: string, expected: string, actual: string) {
    super(`${what} does not match its digest: expected ${expected}, got ${actual}`);
    this.name = 'DigestMismatchError';
  }
}

/** A pass-through that hashes what flows and fails at the end when the digest differs. */
export function createDigestCheck(digest: string, what: string): Transform {
  const { algorithm } = parseDigest(digest);
  const hash = createHash(algorithm);
  return new Transform({
    transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback) {
      hash.update(chunk);
      cb(null, chunk);
    },
    flush(cb: TransformCallback) {
      const actual = `${algorithm}:${hash.digest('hex')}`;
      cb(actual === digest ? null : new DigestMismatchError(what, digest, actual));
    },
  });
}
