/**
 * One self-contained HTML page: the allowed connections drawn as a graph
 * (namespaces as boxes of workloads, outside addresses and unscanned pods as
 * boxes of their own, arrows labelled with ports), laid out in the browser by
 * ELK, plus tables of connections and workloads. The layout library, CSS and
 * script are inlined; a Content-Security-Policy forbids loading anything else.
 */
import { describeEnd, endKey, type Connection } from './connectivity.js';
import { buildGraph, type GraphEdge } from './connectivity-graph.js';
import { workloadEnd } from './connection-ends.js';
import { isolation } from './evaluate.js';
import { formatPorts } from './port-set.js';
import { sortConnections } from './render-connectivity.js';
import { layoutLibrarySource, layoutLibraryVersion } from './html-layout-library.js';
import { ELK_LAYOUT_OPTIONS } from './html-layout-options.js';
import { PAGE_SCRIPT } from './html-page-script.js';
import { PAGE_CSS } from './html-page-style.js';
import type { NetworkInput } from './types.js';

/** Above this many edges, port labels move to tooltips and the table, or they hide the drawing. */
const MAX_LABELLED_EDGES = 150;
/**
 * Above these, the page leaves the drawing out and keeps the tables: ELK's time
 * grows faster than the graph (300 boxes and 408 edges take seconds in Chromium),
 * and a page that hangs the browser for minutes shows nothing at all.
 */
const MAX_DRAWN_BOXES = 1000;
const MAX_DRAWN_EDGES = 2000;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script type="application/json">: no `<` may end or confuse the block. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/**
 * A→B and B→A with the same ports become one edge with arrows at both ends:
 * open workloads are connected both ways, and two parallel lines per pair would
 * double the drawing for nothing. The tables keep every direction.
 */
function pairEdges(edges: readonly GraphEdge[]): (GraphEdge & { both: boolean })[] {
  const key = (from: string, to: string, label: string): string => `${from}\u0000${to}\u0000${label}`;
  const all = new Set(edges.map((e) => key(e.from, e.to, e.label)));
  const out: (GraphEdge & { both: boolean })[] = [];
  for (const e of edges) {
    const back = e.from !== e.to && all.has(key(e.to, e.from, e.label));
    if (back && e.from > e.to) continue;
    out.push({ ...e, both: back });
  }
  return out;
}

/**
 * Renders the page.
 *
 * @example
 * writeFileSync('netpol.html', renderHtml(input, computeConnectivity(input)));
 */
export function renderHtml(input: NetworkInput, connections: readonly Connection[]): string {
  const sorted = sortConnections(connections);
  const graph = buildGraph(input.pods, sorted);
  const names: Record<string, string> = {};
  for (const g of graph.groups) for (const n of g.nodes) names[n.id] = n.label;
  for (const c of sorted) {
    names[endKey(c.from)] = describeEnd(c.from);
    names[endKey(c.to)] = describeEnd(c.to);
  }
  for (const p of input.pods) names[endKey(workloadEnd(p))] = describeEnd(workloadEnd(p));
  const edges = pairEdges(graph.edges);
  const nodeCount = graph.groups.reduce((n, g) => n + g.nodes.length, 0);
  const data = {
    library: layoutLibraryVersion(),
    layoutOptions: ELK_LAYOUT_OPTIONS,
    labelled: edges.length <= MAX_LABELLED_EDGES,
    drawn: nodeCount <= MAX_DRAWN_BOXES && edges.length <= MAX_DRAWN_EDGES,
    groups: graph.groups,
    edges: edges.map((e) => ({ ...e, fromLabel: names[e.from] ?? e.from, toLabel: names[e.to] ?? e.to })),
    names,
  };

  const connectionRows = sorted
    .map((c) => `<tr data-from="${esc(endKey(c.from))}" data-to="${esc(endKey(c.to))}"><td>${esc(describeEnd(c.from))}</td><td>${esc(describeEnd(c.to))}</td><td>${esc(formatPorts(c.ports))}</td></tr>`)
    .join('\n');
  const workloadRows = input.pods
    .map((p) => {
      const iso = isolation(input, p);
      const flag = (on: boolean): string => (on ? '<td class="ok">isolated</td>' : '<td class="open">open</td>');
      return `<tr class="workload-row"><td>${esc(p.namespace)}</td><td class="workload-name">${esc(p.name)}</td><td>${esc(p.workload?.kind ?? '')}</td>${flag(iso.ingress)}${flag(iso.egress)}</tr>`;
    })
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>seaworthy netpol: allowed connections</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<h1>Allowed network connections</h1>
<p>${input.pods.length} workload${input.pods.length === 1 ? '' : 's'}, ${sorted.length} allowed connection${sorted.length === 1 ? '' : 's'}. Click a workload to show only its connections; click the background to show all. Hover a box or a label for its full text.</p>
<div class="toolbar"><span id="layout-status">Laying out ${nodeCount} boxes and ${edges.length} lines…</span><label><input type="checkbox" id="actual-size"> actual size (scroll)</label></div>
<div class="drawing" id="drawing"><svg id="graph" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Allowed connections between workloads" width="1" height="1">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>
</svg></div>
<h2>Connections</h2>
<input id="filter" type="search" placeholder="Filter connections" aria-label="Filter connections"> <span id="selection"></span>
<table id="connections"><thead><tr><th>From</th><th>To</th><th>Ports</th></tr></thead><tbody>
${connectionRows || '<tr><td colspan="3">No connection is allowed.</td></tr>'}
</tbody></table>
<h2>Workloads</h2>
<table id="workloads"><thead><tr><th>Namespace</th><th>Workload</th><th>Kind</th><th>Ingress</th><th>Egress</th></tr></thead><tbody>
${workloadRows}
</tbody></table>
<footer>Drawn with ${esc(data.library)} (Eclipse Layout Kernel, EPL-2.0), inlined in this page.</footer>
<script type="application/json" id="graph-data">${scriptJson(data)}</script>
<script>${layoutLibrarySource()}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
