/**
 * What a finding is about, beyond its file position: the Kubernetes object and
 * container, the Compose service, or the image, layer and path.
 */
export interface ResourceRef {
  /** Kubernetes kind, `Service` (Compose), `Containerfile`, `run`, `Quadlet`, `Image`. */
  kind: string;
  namespace?: string;
  name?: string;
  container?: string;
  /** Image reference, for image findings. */
  image?: string;
  /** Layer digest, for image findings. */
  layer?: string;
  /** Path inside the image, for image findings. */
  path?: string;
}
