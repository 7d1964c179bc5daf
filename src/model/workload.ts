/**
 * A workload: what one deployable unit runs. A Kubernetes pod template (from any
 * workload kind), a Compose service, a run line, a Quadlet unit, a Containerfile's
 * final stage or an image config. Pod-level facts live here; containers hold the rest.
 */
import type { ContainerSpec, PortSpec, SeLinuxSettings } from './container-spec.js';
import type { InputKind } from './input-kind.js';
import type { Located, Location } from './location.js';
import type { YamlNode } from '../sources/yaml/yaml-node.js';

export interface Workload {
  input: InputKind;
  file: string;
  /** Where the workload is declared (K8S: `metadata.name`; Compose: service key…). */
  loc: Location;
  /** K8S kind, or `Service` (Compose), `run`, `Quadlet`, `Containerfile`, `Image`. */
  kind: string;
  name?: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  containers: ContainerSpec[];

  hostNetwork?: Located<boolean>;
  /**
   * Ports the workload itself publishes for all its containers: a Quadlet `.pod`'s
   * `PublishPort=` (containers that join the pod cannot publish their own).
   */
  ports?: PortSpec[];
  hostPID?: Located<boolean>;
  hostIPC?: Located<boolean>;
  hostUTS?: Located<boolean>;
  /** K8S `automountServiceAccountToken` on the pod spec. */
  automountServiceAccountToken?: Located<boolean>;
  serviceAccountName?: Located<string>;
  /**
   * The engine that runs it, when the input says (`podman run`, `docker run`,
   * Quadlet is podman). Its defaults decide some verdicts (rules/support/engine-defaults.ts).
   */
  engine?: 'docker' | 'podman';
  /** Sandboxed runtime: `runtimeClassName`, `--runtime`. */
  runtime?: Located<string>;
  /**
   * Pod-level SELinux options as written (K8S `spec.securityContext.seLinuxOptions`).
   * Containers inherit them unless they set their own, but they still label the pod
   * sandbox and its volumes, so they are judged even when every container overrides them.
   */
  seLinux?: SeLinuxSettings;

  /** K8S Pod: the controller that made it (`metadata.ownerReferences` with `controller: true`). */
  owner?: { kind: string; name: string };
  /**
   * K8S pods of a live dump grouped into the workload that owns them: the pods'
   * names. The workload then carries the owner's kind and name.
   */
  groupedPods?: string[];
  /** Labels that set this group apart from other groups of the same owner. */
  variant?: Record<string, string>;

  /** K8S: the pod template's metadata and spec as parsed, for evaluators that need every field. */
  pod?: PodTemplateView;
}

/** The raw pod template of a Kubernetes workload with its position tree. */
export interface PodTemplateView {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
  /** Position node of the pod `spec` mapping (locate fields with `locate`). */
  specNode?: YamlNode;
  metadataNode?: YamlNode;
  /** Only what the cross-file rules read is left (scan/slim-model.ts): not a pod to judge whole. */
  slim?: true;
}
