/**
 * Connections as a graph a person reads: namespaces as groups of workload nodes,
 * addresses outside the cluster and pods of unscanned namespaces as groups of
 * their own, one labelled edge per allowed connection. Shared by the dot and
 * HTML renderers.
 */
import { describeEnd, endKey, type Connection, type ConnectionEnd } from './connectivity.js';
import { variantSuffix, workloadEnd } from './connection-ends.js';
import { formatPorts } from './port-set.js';
import type { PodInfo } from './types.js';

export interface GraphNode {
  id: string;
  label: string;
  /** Workload kind, `address`, or `pods`. */
  detail: string;
  group: string;
}

export interface GraphGroup {
  id: string;
  label: string;
  kind: 'namespace' | 'outside' | 'other-pods';
  nodes: GraphNode[];
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

export interface ConnectivityGraph {
  groups: GraphGroup[];
  edges: GraphEdge[];
}

export const OUTSIDE_GROUP = 'outside the cluster';
export const OTHER_PODS_GROUP = 'other namespaces';

/**
 * Builds the graph. Every pod appears, connected or not.
 *
 * @example
 * buildGraph(input.pods, computeConnectivity(input)).groups.map((g) => g.label);
 */
export function buildGraph(pods: readonly PodInfo[], connections: readonly Connection[]): ConnectivityGraph {
  const groups = new Map<string, GraphGroup>();
  const nodes = new Map<string, GraphNode>();
  const add = (end: ConnectionEnd): string => {
    const id = endKey(end);
    if (nodes.has(id)) return id;
    const [groupId, groupLabel, kind, label, detail] =
      end.kind === 'workload'
        ? [`ns:${end.namespace}`, `namespace ${end.namespace}`, 'namespace' as const, `${end.name}${variantSuffix(end)}`, end.workloadKind ?? 'workload']
        : end.kind === 'external'
          ? ['outside', OUTSIDE_GROUP, 'outside' as const, describeEnd(end), 'addresses']
          : ['other-pods', OTHER_PODS_GROUP, 'other-pods' as const, describeEnd(end), 'pods'];
    let group = groups.get(groupId);
    if (!group) groups.set(groupId, (group = { id: groupId, label: groupLabel, kind, nodes: [] }));
    const node = { id, label, detail, group: groupId };
    group.nodes.push(node);
    nodes.set(id, node);
    return id;
  };
  for (const p of pods) {
    add(workloadEnd(p));
  }
  const edges = connections.map((c) => ({ from: add(c.from), to: add(c.to), label: formatPorts(c.ports) }));
  const order = (g: GraphGroup): string => `${g.kind === 'namespace' ? 0 : g.kind === 'other-pods' ? 1 : 2}${g.label}`;
  const sorted = [...groups.values()].sort((a, b) => order(a).localeCompare(order(b)));
  for (const g of sorted) g.nodes.sort((a, b) => a.label.localeCompare(b.label));
  return { groups: sorted, edges };
}
