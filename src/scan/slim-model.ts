/**
 * What a scan keeps of a file once the rules that look at one object have run on
 * it (scan/check-as-read.ts): the summaries the cross-file rules read, not the
 * trees. A Kubernetes manifest's parsed value and position tree were most of a
 * scan's memory (about 23 of 34 KB per Deployment+Service manifest); without them
 * memory grows with the findings, not with the inputs.
 *
 * What stays is what the cross-file rules and owner grouping read, and nothing else:
 * a test runs every rule both ways (whole model, and checked as read) over the
 * fixtures, the examples and the Pod Security Admission corpus and wants the same
 * report, so a rule that starts reading more fails there first.
 */
import type { KubeObject } from '../model/kube-object.js';
import { LineIndex } from '../model/location.js';
import type { PodTemplateView } from '../model/workload.js';
import type { SourceFile } from '../sources/source-file.js';
import type { YamlScalarNode } from '../sources/yaml/yaml-node.js';

/**
 * Kinds whose value and positions the cross-file rules read: namespace labels,
 * NetworkPolicies, PeerAuthentications, LimitRanges, ServiceAccounts, RBAC, and
 * the ReplicaSets and Jobs that owner grouping follows to a Deployment or CronJob.
 */
const KEPT_KINDS = new Set([
  'Namespace',
  'NetworkPolicy',
  'PeerAuthentication',
  'LimitRange',
  'ServiceAccount',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ReplicaSet',
  'Job',
]);

const EMPTY_SOURCE: SourceFile = { path: '', text: '', lines: new LineIndex('') };
const EMPTY_NODE: YamlScalarNode = { kind: 'scalar', src: EMPTY_SOURCE, start: 0, end: 0 };

/** Drops a Kubernetes object's value and position tree unless a cross-file rule reads them. */
export function slimKubeObject(o: KubeObject): void {
  if (KEPT_KINDS.has(o.kind) || o.apiVersion.startsWith('kustomize.config.k8s.io/')) return;
  o.value = {};
  o.node = EMPTY_NODE;
}

/**
 * The pod template as the cross-file rules read it: template labels and annotations
 * (NetworkPolicy selection, mesh injection), pod-level `resources` (limits), `os`,
 * and each container's `ports` (NetworkPolicy ports). No position trees: Pod
 * Security, the one cross-file rule that needs the whole pod, reads the file again
 * for the workloads whose namespace asks for it (check-as-read.ts).
 */
export function slimPod(pod: PodTemplateView): PodTemplateView {
  const metadata: Record<string, unknown> = {};
  for (const key of ['labels', 'annotations']) if (pod.metadata[key] !== undefined) metadata[key] = pod.metadata[key];
  const spec: Record<string, unknown> = {};
  for (const key of ['resources', 'os']) if (pod.spec[key] !== undefined) spec[key] = pod.spec[key];
  for (const key of ['containers', 'initContainers']) {
    const list = pod.spec[key];
    if (list === undefined) continue;
    spec[key] = Array.isArray(list) ? list.map((c: unknown) => (isRecord(c) ? (c['ports'] !== undefined ? { ports: c['ports'] } : {}) : c)) : list;
  }
  return { metadata, spec, slim: true };
}

/**
 * A file's entry once its text is no longer needed (no `seaworthy-ignore` comment in
 * it): the path stays, so the sources still know the file was read; a source that
 * wants its text again as a side file reads it anew (sources/side-file.ts).
 */
export function droppedSource(path: string): SourceFile {
  return { path, text: '', lines: EMPTY_SOURCE.lines, dropped: true };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
