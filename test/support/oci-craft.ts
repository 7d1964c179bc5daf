/**
 * Hand-made layers and OCI layouts for tests that need exact bytes: hostile tar
 * entries, broken compression, wrong digests, bombs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface CraftEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  mode?: number;
  content?: string | Buffer;
  linkname?: string;
}

/** An uncompressed tar of `entries`, built with tar-stream. */
export async function tarOf(entries: CraftEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const e of entries) {
    const content = e.content === undefined ? undefined : Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content);
    const header = { name: e.name, type: e.type ?? 'file', mode: e.mode ?? (e.type === 'directory' ? 0o755 : 0o644), ...(e.linkname ? { linkname: e.linkname } : {}) };
    await new Promise<void>((resolve, reject) => pack.entry(header, content ?? Buffer.alloc(0), (err) => (err ? reject(err) : resolve())));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export const gzip = (data: Buffer): Buffer => gzipSync(data);
export const sha256 = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export interface CraftLayer {
  /** The blob as stored. */
  blob: Buffer;
  /** Digest to declare; defaults to the blob's own. */
  digest?: string;
  createdBy?: string;
}

/** Writes an OCI layout holding one image made of `layers`; returns its `oci:` reference. */
export function writeLayout(dir: string, layers: CraftLayer[], config: Record<string, unknown> = {}, tag = 'test'): string {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (data: Buffer, digest = sha256(data)): string => {
    writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), data);
    return digest;
  };
  const descriptors = layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: put(l.blob, l.digest), size: l.blob.length }));
  const configBlob = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: layers.map(() => `sha256:${'0'.repeat(64)}`) },
      history: layers.map((l, i) => ({ created_by: l.createdBy ?? `step ${i}` })),
      ...config,
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: put(configBlob), size: configBlob.length },
      layers: descriptors,
    }),
  );
  const manifestDigest = put(manifest);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: manifest.length, annotations: { 'org.opencontainers.image.ref.name': tag } }] }),
  );
  return `oci:${dir}:${tag}`;
}
