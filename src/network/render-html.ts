/**
 * One self-contained HTML page: an inline SVG drawing (namespaces as boxes of
 * workloads, outside addresses and unscanned pods as boxes of their own, arrows
 * for allowed connections) plus tables of connections and workloads. Inline CSS
 * and JS only; a Content-Security-Policy forbids loading anything else.
 */
import { describeEnd, type Connection } from './connectivity.js';
import { buildGraph, type GraphNode } from './connectivity-graph.js';
import { isolation } from './evaluate.js';
import { formatPorts } from './port-set.js';
import { sortConnections } from './render-connectivity.js';
import type { NetworkInput } from './types.js';

const NODE_W = 200;
const NODE_H = 40;
const NODE_GAP = 14;
const GROUP_PAD = 16;
const HEAD = 30;
const COL_W = NODE_W + 2 * GROUP_PAD;
const COL_GAP = 140;
const ROW_GAP = 60;
const MAX_COLS = 5;
/** Above this many edges, port labels move to tooltips and the table, or they hide the drawing. */
const MAX_LABELLED_EDGES = 60;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Renders the page.
 *
 * @example
 * writeFileSync('netpol.html', renderHtml(input, computeConnectivity(input)));
 */
export function renderHtml(input: NetworkInput, connections: readonly Connection[]): string {
  const sorted = sortConnections(connections);
  const graph = buildGraph(input.pods, sorted);
  const pos = new Map<string, { x: number; y: number }>();
  const groupBoxes: string[] = [];
  let rowTop = 20;
  let rowHeight = 0;
  graph.groups.forEach((g, i) => {
    const col = i % MAX_COLS;
    if (col === 0 && i > 0) { rowTop += rowHeight + ROW_GAP; rowHeight = 0; }
    const x = 20 + col * (COL_W + COL_GAP);
    const h = HEAD + g.nodes.length * (NODE_H + NODE_GAP) + GROUP_PAD;
    rowHeight = Math.max(rowHeight, h);
    groupBoxes.push(`<g class="group ${g.kind}"><rect x="${x}" y="${rowTop}" width="${COL_W}" height="${h}" rx="10"/><text class="group-label" x="${x + GROUP_PAD}" y="${rowTop + 20}">${esc(g.label)}</text>`);
    g.nodes.forEach((n, j) => {
      const nx = x + GROUP_PAD;
      const ny = rowTop + HEAD + j * (NODE_H + NODE_GAP);
      pos.set(n.id, { x: nx, y: ny });
      groupBoxes.push(nodeSvg(n, nx, ny));
    });
    groupBoxes.push('</g>');
  });
  const width = 40 + Math.min(graph.groups.length, MAX_COLS) * (COL_W + COL_GAP);
  const height = rowTop + rowHeight + 40;
  const labelled = graph.edges.length <= MAX_LABELLED_EDGES;
  const edges = graph.edges.map((e, i) => edgeSvg(e.from, e.to, e.label, pos, labelled, i));

  const connectionRows = sorted
    .map((c) => `<tr><td>${esc(describeEnd(c.from))}</td><td>${esc(describeEnd(c.to))}</td><td>${esc(formatPorts(c.ports))}</td></tr>`)
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
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>seaworthy netpol: allowed connections</title>
<style>${CSS}</style>
</head>
<body>
<h1>Allowed network connections</h1>
<p>${input.pods.length} workload${input.pods.length === 1 ? '' : 's'}, ${sorted.length} allowed connection${sorted.length === 1 ? '' : 's'}. Click a workload to show only its connections; click the background to show all.</p>
<div class="drawing"><svg id="graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>
<rect class="background" x="0" y="0" width="${width}" height="${height}"/>
${groupBoxes.join('\n')}
${edges.join('\n')}
</svg></div>
<h2>Connections</h2>
<input id="filter" type="search" placeholder="Filter connections" aria-label="Filter connections">
<table id="connections"><thead><tr><th>From</th><th>To</th><th>Ports</th></tr></thead><tbody>
${connectionRows || '<tr><td colspan="3">No connection is allowed.</td></tr>'}
</tbody></table>
<h2>Workloads</h2>
<table id="workloads"><thead><tr><th>Namespace</th><th>Workload</th><th>Kind</th><th>Ingress</th><th>Egress</th></tr></thead><tbody>
${workloadRows}
</tbody></table>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function nodeSvg(n: GraphNode, x: number, y: number): string {
  const label = n.label.length > 28 ? `${n.label.slice(0, 27)}…` : n.label;
  return `<g class="node" data-id="${esc(n.id)}" tabindex="0"><title>${esc(n.label)} (${esc(n.detail)})</title><rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="6"/><text x="${x + 10}" y="${y + 17}">${esc(label)}</text><text class="detail" x="${x + 10}" y="${y + 32}">${esc(n.detail)}</text></g>`;
}

function edgeSvg(from: string, to: string, label: string, pos: Map<string, { x: number; y: number }>, labelled: boolean, i: number): string {
  const a = pos.get(from)!;
  const b = pos.get(to)!;
  let d: string;
  let mx: number;
  let my: number;
  if (from === to) {
    const x = a.x + NODE_W;
    const y = a.y + NODE_H / 2;
    d = `M ${x} ${y - 8} C ${x + 50} ${y - 40}, ${x + 50} ${y + 40}, ${x} ${y + 8}`;
    mx = x + 40;
    my = y;
  } else if (Math.abs(a.x - b.x) < COL_W) {
    // Same column: bulge out to the right, further for nodes further apart.
    const x = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const y2 = b.y + NODE_H / 2;
    const out = 40 + Math.min(80, Math.abs(y2 - y1) / 4);
    d = `M ${x} ${y1} C ${x + out} ${y1}, ${x + out} ${y2}, ${x} ${y2}`;
    mx = x + out * 0.75;
    my = (y1 + y2) / 2;
  } else {
    // Leave from the side facing the target, so edges do not loop around their own box.
    const rightward = b.x > a.x;
    const x1 = rightward ? a.x + NODE_W : a.x;
    const x2 = rightward ? b.x : b.x + NODE_W;
    // Opposite directions between the same nodes get parallel, not stacked, paths.
    const lane = rightward ? 6 : -6;
    const y1 = a.y + NODE_H / 2 + lane;
    const y2 = b.y + NODE_H / 2 + lane;
    const bend = (rightward ? 1 : -1) * Math.max(40, Math.abs(x2 - x1) / 3);
    d = `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
    mx = (x1 + x2) / 2;
    my = (y1 + y2) / 2 - 4;
  }
  const text = labelled ? `<text class="edge-label" x="${mx}" y="${my}">${esc(label)}</text>` : '';
  return `<g class="edge" data-from="${esc(from)}" data-to="${esc(to)}" data-index="${i}"><title>${esc(label)}</title><path d="${d}" marker-end="url(#arrow)"/>${text}</g>`;
}

const CSS = `
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; background: #fff; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.drawing { overflow: auto; border: 1px solid #d0d7de; border-radius: 8px; max-height: 80vh; }
.background { fill: #fafbfc; }
.group rect { fill: #eef4fb; stroke: #8fb3d9; }
.group.outside rect, .group.other-pods rect { fill: #fdf6ec; stroke: #d9a45b; stroke-dasharray: 6 4; }
.group-label { font-weight: 600; font-size: 13px; fill: #24415f; }
.group .node rect { fill: #fff; stroke: #4a6f96; stroke-dasharray: none; }
.node text { font-size: 13px; fill: #1b1f24; }
.node text.detail { font-size: 11px; fill: #57606a; }
.node { cursor: pointer; }
.group .node.selected rect { stroke: #d1242f; stroke-width: 2; }
.edge path { fill: none; stroke: #57606a; stroke-width: 1.4; }
.edge marker, #arrow path { fill: #57606a; }
.edge-label { font-size: 11px; fill: #0b5cad; text-anchor: middle; paint-order: stroke; stroke: #fafbfc; stroke-width: 3; }
.edge.dim { opacity: 0.08; }
.edge.hot path { stroke: #d1242f; stroke-width: 2.2; }
table { border-collapse: collapse; margin-top: 0.5rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; font-size: 0.9rem; }
td.ok { color: #1a7f37; } td.open { color: #cf222e; font-weight: 600; }
#filter { padding: 0.3rem; width: 20rem; }
`;

// Plain ES5-style script: no modules, nothing fetched, no globals beyond this closure.
const SCRIPT = `
(function () {
  var svg = document.getElementById('graph');
  var edges = Array.prototype.slice.call(svg.querySelectorAll('.edge'));
  var nodes = Array.prototype.slice.call(svg.querySelectorAll('.node'));
  function select(id) {
    nodes.forEach(function (n) { n.classList.toggle('selected', n.getAttribute('data-id') === id); });
    edges.forEach(function (e) {
      var on = id === null || e.getAttribute('data-from') === id || e.getAttribute('data-to') === id;
      e.classList.toggle('dim', !on);
      e.classList.toggle('hot', id !== null && on);
    });
  }
  nodes.forEach(function (n) {
    n.addEventListener('click', function (ev) { ev.stopPropagation(); select(n.getAttribute('data-id')); });
    n.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') select(n.getAttribute('data-id')); });
  });
  svg.addEventListener('click', function () { select(null); });
  var filter = document.getElementById('filter');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#connections tbody tr'));
  filter.addEventListener('input', function () {
    var q = filter.value.toLowerCase();
    rows.forEach(function (r) { r.style.display = r.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none'; });
  });
})();
`;
