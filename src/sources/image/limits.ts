/**
 * Bounds on what one image may make us read, against decompression bombs and
 * oversized files. Each is configurable; the defaults fit real images.
 */
export interface ImageLimits {
  /** Bytes after decompression, per layer. */
  maxLayerBytes: number;
  /** Bytes after decompression, whole image. */
  maxImageBytes: number;
  /** Tar entries per layer. */
  maxEntries: number;
  /** Bytes of each file's content scanned for secrets (larger files: the first bytes only). */
  contentScanBytes: number;
  /** Bytes kept of a package database or os-release file. */
  inventoryBytes: number;
  /** Bytes of a manifest, index or config. */
  maxJsonBytes: number;
}

export const DEFAULT_LIMITS: ImageLimits = {
  maxLayerBytes: 8 * 2 ** 30,
  maxImageBytes: 32 * 2 ** 30,
  maxEntries: 1_000_000,
  contentScanBytes: 1 << 20,
  inventoryBytes: 64 << 20,
  maxJsonBytes: 4 << 20,
};

export function withDefaults(limits: Partial<ImageLimits> | undefined): ImageLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}

export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}

/** Bytes expanded so far for one image, shared by its layers' analyses. */
export class ExpansionBudget {
  used = 0;
  constructor(readonly limit: number) {}
  take(n: number): void {
    this.used += n;
    if (this.used > this.limit) throw new LimitError(`image expands to more than ${this.limit} bytes (limit maxImageBytes); stopped reading`);
  }
}
