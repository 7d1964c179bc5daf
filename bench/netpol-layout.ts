/**
 * Which graph layout library draws the netpol page: elkjs (what the page
 * inlines) against dagre (@dagrejs/dagre, the other common choice), on the
 * NetworkPolicy bench generator's clusters of 100 and 300 workloads in 50
 * namespaces. Measured: the bytes a page must inline (raw and gzip), layout
 * time in Node with the page's ELK options (label sizes estimated from their
 * length; the page measures them in its font), and how many edges each
 * library draws through a namespace box that neither end belongs to — the
 * reason the page uses ELK. With chromium on PATH, also the page's own layout
 * time in Chromium for the 300-workload cluster.
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { ELK as ElkLayouter, ELKConstructorArguments, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import dagre from '@dagrejs/dagre';
import { computeConnectivity } from '../src/network/connectivity.js';
import { buildGraph, type ConnectivityGraph } from '../src/network/connectivity-graph.js';
import { ELK_LAYOUT_OPTIONS } from '../src/network/html-layout-options.js';
import { renderHtml } from '../src/network/render-html.js';
import { generateCluster } from './netpol.js';

interface Box { x: number; y: number; w: number; h: number }
interface Point { x: number; y: number }
interface Drawn { ms: number; width: number; height: number; groups: Map<string, Box>; edges: { groups: [string, string]; points: Point[] }[] }

// The same single-file build the page inlines (CommonJS, so through require).
const ELK = createRequire(import.meta.url)('elkjs/lib/elk.bundled.js') as new (args?: ELKConstructorArguments) => ElkLayouter;

const NODE_W = 180;
const NODE_H = 44;
const labelSize = (text: string): { width: number; height: number } => ({ width: Math.min(150, text.length * 6.2) + 6, height: 19 });

async function layoutElk(g: ConnectivityGraph): Promise<Drawn> {
  const groupOf = new Map(g.groups.flatMap((x) => x.nodes.map((n) => [n.id, x.id] as const)));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: { ...ELK_LAYOUT_OPTIONS },
    children: g.groups.map((x) => ({ id: x.id, layoutOptions: { 'elk.padding': '[top=32,left=12,bottom=12,right=12]' }, children: x.nodes.map((n) => ({ id: n.id, width: NODE_W, height: NODE_H })) })),
    edges: g.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to], labels: [{ text: e.label, ...labelSize(e.label) }] })),
  };
  const t = performance.now();
  const out: ElkNode = await new ELK().layout(graph);
  const ms = performance.now() - t;
  const groups = new Map((out.children ?? []).map((c): [string, Box] => [c.id, { x: c.x!, y: c.y!, w: c.width!, h: c.height! }]));
  const edges = ((out.edges ?? []) as ElkExtendedEdge[]).map((e) => {
    const src = g.edges[Number(e.id.slice(1))]!;
    return { groups: [groupOf.get(src.from)!, groupOf.get(src.to)!] as [string, string], points: (e.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) };
  });
  return { ms, width: out.width!, height: out.height!, groups, edges };
}

function layoutDagre(g: ConnectivityGraph): Drawn {
  const groupOf = new Map(g.groups.flatMap((x) => x.nodes.map((n) => [n.id, x.id] as const)));
  const t = performance.now();
  const dg = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  dg.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 40, edgesep: 8 });
  dg.setDefaultEdgeLabel(() => ({}));
  for (const x of g.groups) {
    dg.setNode(x.id, { label: x.label, paddingTop: 32 });
    for (const n of x.nodes) { dg.setNode(n.id, { width: NODE_W, height: NODE_H }); dg.setParent(n.id, x.id); }
  }
  g.edges.forEach((e, i) => dg.setEdge(e.from, e.to, { ...labelSize(e.label), labelpos: 'c' }, `e${i}`));
  dagre.layout(dg);
  const ms = performance.now() - t;
  const groups = new Map(g.groups.map((x) => {
    const n = dg.node(x.id);
    return [x.id, { x: n.x - n.width / 2, y: n.y - n.height / 2, w: n.width, h: n.height }];
  }));
  const edges = g.edges.map((e, i) => ({ groups: [groupOf.get(e.from)!, groupOf.get(e.to)!] as [string, string], points: (dg.edge(e.from, e.to, `e${i}`).points ?? []) as Point[] }));
  return { ms, width: dg.graph().width ?? 0, height: dg.graph().height ?? 0, groups, edges };
}

/** Liang–Barsky: does segment p→q enter the box's interior (1 px in from its border)? */
function crossesBox(p: Point, q: Point, b: Box): boolean {
  const [x0, y0, x1, y1] = [b.x + 1, b.y + 1, b.x + b.w - 1, b.y + b.h - 1];
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  let t0 = 0;
  let t1 = 1;
  for (const [pk, qk] of [[-dx, p.x - x0], [dx, x1 - p.x], [-dy, p.y - y0], [dy, y1 - p.y]] as const) {
    if (pk === 0) { if (qk < 0) return false; continue; }
    const r = qk / pk;
    if (pk < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

/** Edges with at least one segment through a namespace box that holds neither of its ends. */
function edgesThroughForeignBoxes(d: Drawn): number {
  return d.edges.filter((e) => e.points.some((p, k) => k > 0 && [...d.groups].some(([id, b]) => !e.groups.includes(id) && crossesBox(e.points[k - 1]!, p, b)))).length;
}

/** A file of an installed package, found through its package.json (dagre exports nothing else). */
function bundleBytes(pkg: string, file: string): { raw: number; gzip: number } {
  const text = readFileSync(join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), file));
  return { raw: text.length, gzip: gzipSync(text).length };
}

/** The page's own ELK layout time in Chromium (`data-layout-ms`), or undefined without chromium. */
async function chromiumLayoutMs(html: string): Promise<number | undefined> {
  const chromium = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
  if (!chromium) return undefined;
  const { chromium: driver } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-layout-bench-'));
  const browser = await driver.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    writeFileSync(join(dir, 'page.html'), html);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(join(dir, 'page.html')).href);
    await page.waitForSelector('#graph[data-layout="done"]', { state: 'attached', timeout: 300_000 });
    return Number(await page.getAttribute('#graph', 'data-layout-ms'));
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the comparison and prints it.
 *
 * @example
 * await runNetpolLayoutBench();
 */
export async function runNetpolLayoutBench(print: (line: string) => void = console.log): Promise<void> {
  const elk = bundleBytes('elkjs', 'lib/elk.bundled.js');
  const dg = bundleBytes('@dagrejs/dagre', 'dist/dagre.min.js');
  print('netpol page layout: library, bytes inlined (gzip); per cluster: workloads, edges, ms, drawing size, edges through a foreign namespace box');
  print(`  elkjs ${elk.raw} B (${elk.gzip} B gzip)\tdagre ${dg.raw} B (${dg.gzip} B gzip)`);
  for (const workloads of [100, 300]) {
    const input = generateCluster(workloads, workloads / 2);
    const connections = computeConnectivity(input);
    const g = buildGraph(input.pods, connections);
    await layoutElk(g); // The first ELK run pays for compiling its 1.6 MB; time the second.
    const e = await layoutElk(g);
    layoutDagre(g);
    const d = layoutDagre(g);
    for (const [name, r] of [['elkjs', e], ['dagre', d]] as const) {
      print(`  ${name}\t${workloads}\t${g.edges.length}\t${r.ms.toFixed(0)} ms\t${r.width.toFixed(0)}×${r.height.toFixed(0)}\t${edgesThroughForeignBoxes(r)} of ${r.edges.length}`);
    }
    if (workloads === 300) {
      const ms = await chromiumLayoutMs(renderHtml(input, connections));
      print(ms === undefined ? '  (chromium not on PATH: no in-browser figure)' : `  elkjs in Chromium, the page itself, ${workloads} workloads: ${ms} ms`);
    }
  }
}

// Run directly: `node dist/bench/netpol-layout.js`.
if (import.meta.url === `file://${process.argv[1]}`) await runNetpolLayoutBench();
