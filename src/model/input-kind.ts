/**
 * The kinds of input seaworthy reads. Rules declare which of them they apply to,
 * using the same short names as RULES.md.
 */
export const INPUT_KINDS = ['DF', 'K8S', 'CMP', 'RUN', 'QL', 'IMG'] as const;

/** DF Containerfile · K8S Kubernetes · CMP Compose · RUN run line · QL Quadlet · IMG built image. */
export type InputKind = (typeof INPUT_KINDS)[number];

export const INPUT_NAMES: Record<InputKind, string> = {
  DF: 'Containerfile/Dockerfile',
  K8S: 'Kubernetes manifest',
  CMP: 'Compose file',
  RUN: 'podman/docker run line',
  QL: 'Podman Quadlet unit',
  IMG: 'OCI image',
};
