/**
 * What every transport hands to the analysis: the config, the layer list and a
 * way to open each layer blob as a stream. Digests are checked by the reader.
 */
import type { Readable } from 'node:stream';
import type { OciConfig } from './oci-types.js';

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
