/**
 * What every transport hands to the analysis: the config, the layer list and a
 * way to open each layer blob as a stream. Digests are checked by the reader.
 */
import type { Readable } from 'node:stream';
import { parseDigest } from './digest-check.js';
import type { ManifestOrIndex, OciConfig } from './oci-types.js';

export interface LayerDescriptor {
  /** Digest of the blob as stored; the stream returned by `openLayer` must hash to it. */
  digest: string;
  mediaType: string;
  size?: number;
  diffId?: string;
  /** True when `digest` is of the uncompressed tar (docker archives). */
  digestIsDiffId?: boolean;
}

export interface LoadedImage {
  /** The reference as given. */
  ref: string;
  /** `registry/repo:tag` when the transport tells one (registry, docker-archive tags). */
  registryName?: string;
  manifestDigest?: string;
  config: OciConfig;
  layers: LayerDescriptor[];
  openLayer(index: number): Promise<Readable>;
  close(): Promise<void>;
}

/**
 * The layers an image manifest lists, each with its uncompressed digest from the
 * config. Throws on a malformed digest, before any blob is read.
 *
 * @example
 * const layers = layersOf(manifest, config);
 */
export function layersOf(manifest: ManifestOrIndex, config: OciConfig): LayerDescriptor[] {
  const diffIds = config.rootfs?.diff_ids ?? [];
  return (manifest.layers ?? []).map((l, i) => {
    parseDigest(l.digest);
    const out: LayerDescriptor = { digest: l.digest, mediaType: l.mediaType ?? '' };
    if (l.size !== undefined) out.size = l.size;
    if (diffIds[i]) out.diffId = diffIds[i];
    return out;
  });
}
