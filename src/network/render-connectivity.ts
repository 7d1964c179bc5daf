/**
 * Text, JSON and Graphviz dot views of the allowed connections.
 */
import { describeEnd, endKey, type Connection, type ConnectionEnd } from './connectivity.js';
import { buildGraph } from './connectivity-graph.js';
import { isolation } from './evaluate.js';
import { formatPorts, portEntries, type PortEntry } from './port-set.js';
import type { NetworkInput } from './types.js';

/** Connections sorted by source, then destination, so output is stable. */
export function sortConnections(connections: readonly Connection[]): Connection[] {
  const key = (c: Connection): string => `${rank(c.from)}${endKey(c.from)}\u0000${rank(c.to)}${endKey(c.to)}`;
  return connections.map((c) => ({ c, k: key(c) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map((x) => x.c);
}

/** Workloads first, then unscanned pods, then addresses. */
function rank(end: ConnectionEnd): number {
  return end.kind === 'workload' ? 0 : end.kind === 'pods' ? 1 : 2;
}

/**
 * One line per allowed connection: `shop/web -> shop/db: TCP 5432`.
 *
 * @example
 * renderText(input, connections);
 */
export function renderText(input: NetworkInput, connections: readonly Connection[]): string {
  const lines = sortConnections(connections).map((c) => `${describeEnd(c.from)} -> ${describeEnd(c.to)}: ${formatPorts(c.ports)}`);
  const open = input.pods.filter((p) => { const i = isolation(input, p); return !i.ingress || !i.egress; }).length;
  lines.push(`${connections.length} allowed connection${connections.length === 1 ? '' : 's'}; ${input.pods.length} workload${input.pods.length === 1 ? '' : 's'}, ${open} not isolated in both directions.`);
  return `${lines.join('\n')}\n`;
}

/** The JSON document `seaworthy netpol --format json` prints. */
export interface ConnectivityReport {
  workloads: { namespace: string; name: string; kind?: string; isolation: { ingress: boolean; egress: boolean } }[];
  connections: { from: ConnectionEnd; to: ConnectionEnd; ports: PortEntry[] }[];
}

export function connectivityReport(input: NetworkInput, connections: readonly Connection[]): ConnectivityReport {
  return {
    workloads: input.pods.map((p) => {
      const w: ConnectivityReport['workloads'][number] = { namespace: p.namespace, name: p.name, isolation: isolation(input, p) };
      if (p.workload) w.kind = p.workload.kind;
      return w;
    }),
    connections: sortConnections(connections).map((c) => ({ from: c.from, to: c.to, ports: portEntries(c.ports) })),
  };
}

export function renderJson(input: NetworkInput, connections: readonly Connection[]): string {
  return `${JSON.stringify(connectivityReport(input, connections), null, 2)}\n`;
}

/**
 * Graphviz: namespaces as clusters, outside addresses and unscanned pods as their
 * own clusters, edges labelled with protocols and ports.
 */
export function renderDot(input: NetworkInput, connections: readonly Connection[]): string {
  const graph = buildGraph(input.pods, sortConnections(connections));
  const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  const out = ['digraph netpol {', '  rankdir=LR;', '  node [shape=box, style="rounded"];', '  compound=true;'];
  graph.groups.forEach((g, i) => {
    out.push(`  subgraph cluster_${i} {`, `    label=${q(g.label)};`);
    if (g.kind !== 'namespace') out.push('    style=dashed;');
    for (const n of g.nodes) out.push(`    ${q(n.id)} [label=${q(`${n.label}\n${n.detail}`)}${g.kind === 'namespace' ? '' : ', shape=ellipse'}];`);
    out.push('  }');
  });
  for (const e of graph.edges) out.push(`  ${q(e.from)} -> ${q(e.to)} [label=${q(e.label)}];`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
