/**
 * The ends of a connection: a scanned workload, addresses outside the cluster, or
 * pods of namespaces outside the scanned set that a selector admits.
 */
import { formatSelector, isEmptySelector } from './label-selector.js';
import type { NetworkIndex } from './network-index.js';
import type { PortSet } from './port-set.js';
import { NAMESPACE_NAME_LABEL, type LabelSelector, type PodInfo, type PolicyPeer } from './types.js';

/** One end of a connection. */
export type ConnectionEnd =
  | { kind: 'workload'; namespace: string; name: string; workloadKind?: string; variant?: Record<string, string> }
  /** Addresses outside the cluster. */
  | { kind: 'external'; cidr: string; except: string[] }
  /** Pods in namespaces outside the scanned set that a selector admits. */
  | { kind: 'pods'; namespaceSelector: LabelSelector; podSelector?: LabelSelector; label: string };

/** Traffic allowed from `from` to `to` on `ports`. Treat as read-only: ports may be shared. */
export interface Connection {
  from: ConnectionEnd;
  to: ConnectionEnd;
  ports: PortSet;
}

export const IPV4_ALL: ConnectionEnd = { kind: 'external', cidr: '0.0.0.0/0', except: [] };
export const IPV6_ALL: ConnectionEnd = { kind: 'external', cidr: '::/0', except: [] };
export const OTHER_PODS: ConnectionEnd = { kind: 'pods', namespaceSelector: {}, label: 'pods in namespaces outside the scanned set' };

/**
 * True when a peer can match pods of namespaces outside the scanned set: it has a
 * namespaceSelector not pinned by `kubernetes.io/metadata.name` to scanned ones.
 */
export function reachesBeyond(index: NetworkIndex, peer: PolicyPeer): boolean {
  const sel = peer.namespaceSelector;
  if (!sel || peer.ipBlock) return false;
  const pinned = sel.matchLabels?.[NAMESPACE_NAME_LABEL];
  if (pinned !== undefined) return !index.namespaces.has(pinned);
  const inExpr = sel.matchExpressions?.find((e) => e.key === NAMESPACE_NAME_LABEL && e.operator === 'In');
  if (inExpr) return !(inExpr.values ?? []).every((v) => index.namespaces.has(v));
  return true;
}

/** The end for an `ipBlock` peer. */
export function externalEnd(peer: PolicyPeer): ConnectionEnd {
  return { kind: 'external', cidr: peer.ipBlock!.cidr, except: [...peer.ipBlock!.except] };
}

/** The end for a namespaceSelector peer reaching beyond the scanned namespaces. */
export function podsEnd(peer: PolicyPeer): ConnectionEnd {
  const ns = peer.namespaceSelector!;
  const end: ConnectionEnd = { kind: 'pods', namespaceSelector: ns, label: '' };
  if (peer.podSelector && !isEmptySelector(peer.podSelector)) end.podSelector = peer.podSelector;
  const pods = end.podSelector ? `pods {${formatSelector(end.podSelector)}}` : 'pods';
  end.label = isEmptySelector(ns) ? `${pods} in namespaces outside the scanned set` : `${pods} in namespaces {${formatSelector(ns)}}`;
  return end;
}

export function workloadEnd(pod: PodInfo): ConnectionEnd {
  const end: ConnectionEnd = { kind: 'workload', namespace: pod.namespace, name: pod.name };
  if (pod.workload) end.workloadKind = pod.workload.kind;
  if (pod.workload?.variant) end.variant = pod.workload.variant;
  return end;
}

/** `{version=v2}`: the labels that set one variant of a workload apart from its others. */
export function variantSuffix(end: ConnectionEnd): string {
  if (end.kind !== 'workload' || !end.variant) return '';
  return `{${Object.entries(end.variant).map(([k, v]) => `${k}=${v}`).join(',')}}`;
}

/** A stable key for an end, for merging and sorting. */
export function endKey(end: ConnectionEnd): string {
  if (end.kind === 'workload') return `w:${end.namespace}/${end.name}${end.workloadKind && end.variant ? `[${end.workloadKind}]${variantSuffix(end)}` : ''}`;
  if (end.kind === 'external') return `x:${end.cidr}${end.except.length ? ` except ${end.except.join(',')}` : ''}`;
  return `p:${end.label}`;
}

/**
 * Text for an end: `ns/name`, `10.0.0.0/8 except 10.1.0.0/16`, `pods in namespaces {…}`.
 */
export function describeEnd(end: ConnectionEnd): string {
  if (end.kind === 'workload') return `${end.namespace}/${end.name}${variantSuffix(end)}`;
  if (end.kind === 'external') return `${end.cidr}${end.except.length ? ` except ${end.except.join(', ')}` : ''}`;
  return end.label;
}
