/**
 * Pods of a live dump (`kubectl get pods -A -o json`) grouped into the workload
 * that owns them, so that a Deployment dumped as 30 pods is judged, and drawn, as
 * one workload. A pod's controller is followed up the chain Kubernetes builds:
 * ReplicaSet → Deployment (the ReplicaSet's own owner, or its name ending in the
 * pods' `pod-template-hash`, or a Deployment of the name before the last dash),
 * Job → CronJob (the Job's owner, or a CronJob of the name before the scheduled
 * time, or that time's eight digits alone). DaemonSet, StatefulSet and ReplicationController pods name their owner
 * directly. Pods of one owner whose labels differ stay apart, as variants.
 *
 * Labels Kubernetes sets per pod (a StatefulSet pod's name and index, a Job's
 * completion index and uid) do not split a group, unless a NetworkPolicy selects
 * on them; revision labels (`pod-template-hash`, `controller-revision-hash`) do:
 * two revisions of a template may differ in everything the rules judge.
 */
import type { KubeObject } from '../../model/kube-object.js';
import type { ScanModel } from '../../model/scan-model.js';
import type { Workload } from '../../model/workload.js';
import { isObj } from './located-reader.js';
import { controllerOf, type OwnerRef } from './owner-references.js';

/** Labels that differ from pod to pod of one owner by construction. */
const PER_POD_LABELS = new Set([
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'batch.kubernetes.io/job-completion-index',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
]);
/** Labels a controller adds to name one revision of its template. */
const REVISION_LABELS = new Set(['pod-template-hash', 'controller-revision-hash', 'pod-template-generation']);

interface Group {
  owner: OwnerRef;
  namespace: string | undefined;
  labels: Record<string, string>;
  members: Workload[];
}

/**
 * Replaces owned workloads (pods, and ReplicaSets or Jobs of a dump) by one
 * workload per owner and label set; members whose owner is itself in the model
 * with the same labels fold into it. Idempotent.
 *
 * @example
 * groupOwnedPods(model); // 30 Pods of ReplicaSet web-5d9c7b → 1 workload Deployment web
 */
export function groupOwnedPods(model: ScanModel): void {
  const owned = model.workloads.filter((w) => w.input === 'K8S' && w.owner !== undefined && w.groupedPods === undefined);
  if (owned.length === 0) return;
  const objects = new Map<string, KubeObject>();
  for (const o of model.kubeObjects) if (o.name !== undefined) objects.set(objectKey(o.kind, o.namespace, o.name), o);
  const ownerWorkloads = new Map<string, Workload>();
  for (const w of model.workloads) if (w.input === 'K8S' && w.name !== undefined && w.owner === undefined) ownerWorkloads.set(objectKey(w.kind, w.namespace, w.name), w);
  const selected = selectorKeys(model);

  const groups = new Map<string, Group>();
  for (const w of owned) {
    const all = templateLabels(w);
    const owner = resolveOwner(w.owner!, w.namespace, all, objects);
    const labels = Object.fromEntries(Object.entries(all).filter(([k]) => !PER_POD_LABELS.has(k) || selected.has(k)));
    const key = `${objectKey(owner.kind, w.namespace, owner.name)}\u0000${canonical(labels)}`;
    const group = groups.get(key);
    if (group) group.members.push(w);
    else groups.set(key, { owner, namespace: w.namespace, labels, members: [w] });
  }

  const dropped = new Set<Workload>();
  const byOwner = new Map<string, Group[]>();
  for (const g of groups.values()) {
    const existing = ownerWorkloads.get(objectKey(g.owner.kind, g.namespace, g.owner.name));
    if (existing && sameLabels(templateLabels(existing), g.labels)) {
      // The owner's own manifest is in the scan: it speaks for its pods.
      for (const m of g.members) dropped.add(m);
      continue;
    }
    const [first, ...rest] = g.members;
    for (const m of rest) dropped.add(m);
    represent(first!, g);
    const k = objectKey(g.owner.kind, g.namespace, g.owner.name);
    byOwner.set(k, [...(byOwner.get(k) ?? []), g]);
  }
  for (const variants of byOwner.values()) if (variants.length > 1) markVariants(variants);

  if (dropped.size === 0) return;
  const droppedResources = new Set(model.workloads.filter((w) => dropped.has(w)).flatMap((w) => w.containers.map((c) => c.resource)));
  model.workloads = model.workloads.filter((w) => !dropped.has(w));
  model.imageRefs = model.imageRefs.filter((r) => !droppedResources.has(r.resource));
}

/** Follows ReplicaSet → Deployment and Job → CronJob. */
function resolveOwner(owner: OwnerRef, namespace: string | undefined, labels: Record<string, string>, objects: Map<string, KubeObject>): OwnerRef {
  const obj = objects.get(objectKey(owner.kind, namespace, owner.name));
  const up = obj ? controllerOf(obj.value) : undefined;
  if (owner.kind === 'ReplicaSet') {
    if (up?.kind === 'Deployment') return up;
    const hash = labels['pod-template-hash'];
    if (hash && owner.name.endsWith(`-${hash}`)) return { kind: 'Deployment', name: owner.name.slice(0, -hash.length - 1) };
    const prefix = beforeLastDash(owner.name);
    if (prefix && objects.has(objectKey('Deployment', namespace, prefix))) return { kind: 'Deployment', name: prefix };
  }
  if (owner.kind === 'Job') {
    if (up?.kind === 'CronJob') return up;
    // A CronJob names each Job `<cronjob>-<scheduled time in minutes since 1970>` (8 digits since 1979).
    const m = /^(.+)-(\d+)$/.exec(owner.name);
    if (m && (objects.has(objectKey('CronJob', namespace, m[1]!)) || m[2]!.length >= 8)) return { kind: 'CronJob', name: m[1]! };
  }
  return owner;
}

/** Turns the group's first member into the group's workload. */
function represent(w: Workload, g: Group): void {
  w.groupedPods = g.members.map((m) => m.name ?? '');
  w.kind = g.owner.kind;
  w.name = g.owner.name;
  delete w.owner;
  if (w.pod) w.pod = { ...w.pod, metadata: { ...w.pod.metadata, labels: g.labels } };
  w.labels = { ...g.labels };
  for (const c of w.containers) {
    c.resource.kind = g.owner.kind;
    c.resource.name = g.owner.name;
  }
}

/** Gives each variant the labels in which the owner's groups differ. */
function markVariants(groups: Group[]): void {
  const keys = new Set(groups.flatMap((g) => Object.keys(g.labels)));
  const differing = [...keys].filter((k) => groups.some((g) => g.labels[k] !== groups[0]!.labels[k])).sort();
  for (const g of groups) {
    g.members[0]!.variant = Object.fromEntries(differing.map((k) => [k, g.labels[k] ?? '']));
  }
}

function templateLabels(w: Workload): Record<string, string> {
  const raw = w.pod?.metadata['labels'];
  if (!isObj(raw)) return { ...w.labels };
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)]));
}

/** Equal once the labels controllers add are set aside. */
function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const strip = (l: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(l).filter(([k]) => !PER_POD_LABELS.has(k) && !REVISION_LABELS.has(k)));
  return canonical(strip(a)) === canonical(strip(b));
}

/** Every label key some NetworkPolicy selects on (pod and namespace selectors alike). */
function selectorKeys(model: ScanModel): Set<string> {
  const keys = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 12) return;
    if (Array.isArray(v)) { for (const x of v) walk(x, depth + 1); return; }
    if (!isObj(v)) return;
    if (isObj(v['matchLabels'])) for (const k of Object.keys(v['matchLabels'])) keys.add(k);
    if (Array.isArray(v['matchExpressions'])) for (const e of v['matchExpressions']) if (isObj(e) && typeof e['key'] === 'string') keys.add(e['key']);
    for (const x of Object.values(v)) walk(x, depth + 1);
  };
  for (const o of model.kubeObjects) if (o.kind === 'NetworkPolicy') walk(o.value['spec'], 0);
  return keys;
}

function beforeLastDash(name: string): string | undefined {
  const i = name.lastIndexOf('-');
  return i > 0 ? name.slice(0, i) : undefined;
}

function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

function canonical(labels: Record<string, string>): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}
