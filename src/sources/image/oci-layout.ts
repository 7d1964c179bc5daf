/**
 * OCI image layouts, as a directory (`oci:`) or a tar of one (`oci-archive:`):
 * index.json → (index →) manifest → config and layers, all content-addressed
 * under blobs/ and verified on read.
 */
import { constants, createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { parseDigest, verifyDigest } from './digest-check.js';
import type { ImageLimits } from './limits.js';
import { layersOf, type LoadedImage } from './loaded-image.js';
import { isIndex, parseJsonObject, type Descriptor, type ManifestOrIndex, type OciConfig } from './oci-types.js';
import { choosePlatform, type Platform } from './platform.js';
import { TarIndex } from './tar-index.js';

/** Read access to a layout's files, wherever they are kept. */
export interface LayoutFiles {
  where: string;
  read(path: string, maxBytes: number): Promise<Buffer>;
  stream(path: string): Readable;
  close(): Promise<void>;
}

/**
 * A layout directory's files. Each is read only if it is a regular file (a blob
 * named `/dev/zero`, a FIFO or a socket would never end or never answer) and
 * never past `maxBytes`, even should it grow after it was looked at.
 */
export function directoryFiles(dir: string): LayoutFiles {
  return {
    where: dir,
    async read(path, maxBytes) {
      const full = join(dir, path);
      const fh = await open(full, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const st = await fh.stat();
        if (!st.isFile()) throw new Error(`${full} is not a regular file; not read`);
        if (st.size > maxBytes) throw new Error(`${full} is ${st.size} bytes, more than the ${maxBytes} allowed`);
        const buffer = Buffer.alloc(maxBytes + 1 > st.size + 1 ? st.size + 1 : maxBytes + 1);
        let total = 0;
        for (;;) {
          const { bytesRead } = await fh.read(buffer, total, buffer.length - total, total);
          if (bytesRead === 0) break;
          total += bytesRead;
          if (total === buffer.length) {
            if (total > maxBytes) throw new Error(`${full} is more than the ${maxBytes} bytes allowed`);
            break;
          }
        }
        return buffer.subarray(0, total);
      } finally {
        await fh.close();
      }
    },
    stream: (path) => {
      const full = join(dir, path);
      try {
        if (!statSync(full).isFile()) return failed(new Error(`${full} is not a regular file; not read`));
      } catch (error) {
        return failed(error as Error);
      }
      return createReadStream(full, { highWaterMark: 1 << 20 });
    },
    close: async () => undefined,
  };
}

/** A stream that fails at once, for a file that must not be opened. */
function failed(error: Error): Readable {
  const stream = new PassThrough();
  queueMicrotask(() => stream.destroy(error));
  return stream;
}

export async function archiveFiles(file: string): Promise<LayoutFiles> {
  const index = await TarIndex.open(file);
  return { where: file, read: (p, max) => index.read(p, max), stream: (p) => index.stream(p), close: async () => undefined };
}

/** The blob path of a digest; the digest is validated first, so it cannot walk out of blobs/. */
export function blobPath(digest: string): string {
  const { algorithm, hex } = parseDigest(digest);
  return `blobs/${algorithm}/${hex}`;
}

export async function readBlobJson<T>(files: LayoutFiles, desc: Descriptor, limits: ImageLimits, what: string): Promise<T> {
  const data = await files.read(blobPath(desc.digest), limits.maxJsonBytes);
  verifyDigest(data, desc.digest, `${what} ${desc.digest} in ${files.where}`);
  return parseJsonObject<T>(data, `${what} ${desc.digest}`);
}

/** Opens an OCI layout and picks the manifest for `tag` (or the only one) and `platform`. */
export async function loadOciLayout(ref: string, files: LayoutFiles, tag: string | undefined, platform: Platform, limits: ImageLimits): Promise<LoadedImage> {
  try {
    const index = parseJsonObject<ManifestOrIndex>(await files.read('index.json', limits.maxJsonBytes), `${files.where}/index.json`);
    const entries = index.manifests ?? [];
    let desc: Descriptor | undefined;
    if (tag !== undefined) {
      desc = entries.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag);
      if (!desc) {
        const tags = entries.map((m) => m.annotations?.['org.opencontainers.image.ref.name']).filter(Boolean);
        throw new Error(`${files.where} has no image tagged ${JSON.stringify(tag)} (tags: ${tags.join(', ') || 'none'})`);
      }
    } else if (entries.length === 1) desc = entries[0];
    else if (entries.length === 0) throw new Error(`${files.where}/index.json lists no images`);
    else desc = choosePlatform(entries.filter((e) => e.platform), platform, `${files.where}/index.json (no tag given)`);
    let manifest = await readBlobJson<ManifestOrIndex>(files, desc!, limits, 'manifest');
    for (let depth = 0; isIndex(manifest, desc!.mediaType) && depth < 4; depth++) {
      desc = choosePlatform(manifest.manifests ?? [], platform, `image index ${desc!.digest}`);
      manifest = await readBlobJson<ManifestOrIndex>(files, desc, limits, 'manifest');
    }
    if (!manifest.config || !Array.isArray(manifest.layers)) throw new Error(`manifest ${desc!.digest} has no config or layers`);
    const config = await readBlobJson<OciConfig>(files, manifest.config, limits, 'image config');
    const layers = layersOf(manifest, config);
    return {
      ref,
      manifestDigest: desc!.digest,
      config,
      layers,
      openLayer: async (i) => files.stream(blobPath(layers[i]!.digest)),
      close: () => files.close(),
    };
  } catch (e) {
    await files.close();
    throw e;
  }
}
