/**
 * Where signature artifacts are read from, a registry or an OCI layout, behind one
 * small interface so discovery is written once. Every read is bounded (manifests by
 * `maxJsonBytes`, signature blobs by MAX_SIGNATURE_BYTES) and content-addressed reads
 * are verified against their digest by the readers underneath.
 */
import type { Descriptor, ManifestOrIndex } from '../sources/image/oci-types.js';

/** An OCI 1.1 manifest or index, with the fields referrers use. */
export interface ArtifactManifest extends ManifestOrIndex {
  artifactType?: string;
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface ReferrerDescriptor extends Descriptor {
  artifactType?: string;
}

export interface ArtifactSource {
  /** The manifest a digest names (verified), or by tag; undefined when the tag does not exist. */
  manifest(reference: string): Promise<{ manifest: ArtifactManifest; digest: string } | undefined>;
  blob(digest: string, maxBytes: number): Promise<Buffer>;
  /**
   * Referrers of `digest` from the API (registry) or the layout's own index; `undefined`
   * when the store has no such API (the caller falls back to the tag schema).
   */
  referrers(digest: string): Promise<{ descriptors: ReferrerDescriptor[]; note?: string } | undefined>;
}

/** A signature envelope or bundle is a few kilobytes; a megabyte is generous. */
export const MAX_SIGNATURE_BYTES = 1 << 20;
/** Referrers and signature layers looked at per image, against a flood of artifacts. */
export const MAX_REFERRERS = 64;
export const MAX_SIGNATURE_LAYERS = 32;
