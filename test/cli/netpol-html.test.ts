/**
 * The HTML view in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core), for a generated live dump of a multi-namespace cluster plus
 * a policy with long selectors: the page fetches nothing, logs no error, ELK
 * lays it out, and the drawn geometry (read from the DOM) keeps every label off
 * every node box, every edge around the namespace boxes it does not connect,
 * and everything inside a 1400 px wide window. Clicking a workload filters the
 * connections table to that workload's rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clusterDump } from '../support/cluster-dump.js';
import { needPrograms, repoRoot } from '../support/prerequisites.js';

const WIDTH = 1400;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const LONG_SELECTOR_NAME = 'prometheus-node-exporter-with-a-long-name';

/** The generated dump, plus an egress policy whose peer is a long selector outside the scanned namespaces. */
function dump(): Record<string, unknown> {
  const d = clusterDump() as { items: unknown[] };
  d.items.push({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'scrape', namespace: 'monitoring' },
    spec: {
      podSelector: {}, policyTypes: ['Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchExpressions: [{ key: 'environment', operator: 'In', values: ['production', 'staging', 'pre-production-eu-west-1'] }, { key: 'team', operator: 'Exists' }] },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': LONG_SELECTOR_NAME, 'app.kubernetes.io/component': 'metrics' } },
        }],
        ports: [{ port: 9100 }, { port: 9090, endPort: 9099 }],
      }],
    },
  });
  return d;
}

interface Box { left: number; top: number; right: number; bottom: number }
interface Geometry {
  layout: string | null;
  layoutMs: number;
  viewport: number;
  scrollWidth: number;
  nodes: { id: string; group: string; title: string; box: Box; text: Box[]; lines: string[] }[];
  groups: { id: string; box: Box; label: Box }[];
  labels: { from: string; to: string; box: Box }[];
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
  drawn: Box[];
}

/**
 * Every box the test compares, in CSS pixels of the window. Runs in the page:
 * plain JavaScript, because the repository compiles without the DOM's types.
 */
const READ_GEOMETRY = `(() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
  const svg = document.getElementById('graph');
  const ctm = svg.getScreenCTM();
  const nodes = [...svg.querySelectorAll('.node')].map((n) => ({
    id: n.getAttribute('data-id'), group: n.getAttribute('data-group'),
    title: n.querySelector('title').textContent,
    box: box(n.querySelector('rect')),
    text: [...n.querySelectorAll('text')].map(box),
    lines: [...n.querySelectorAll('text.node-label tspan')].map((t) => t.textContent),
  }));
  const groups = [...svg.querySelectorAll('.group')].map((g) => ({ id: g.getAttribute('data-id'), box: box(g.querySelector('rect')), label: box(g.querySelector('text')) }));
  const labels = [...svg.querySelectorAll('.edge-label')].map((l) => ({ from: l.getAttribute('data-from'), to: l.getAttribute('data-to'), box: box(l.querySelector('rect')) }));
  const edges = [...svg.querySelectorAll('.edge')].flatMap((e) => [...e.querySelectorAll('path')].map((p) => ({
    from: e.getAttribute('data-from'), to: e.getAttribute('data-to'),
    points: [...p.getAttribute('d').matchAll(/(-?[\\d.]+) (-?[\\d.]+)/g)].map((m) => {
      const q = new DOMPoint(Number(m[1]), Number(m[2])).matrixTransform(ctm);
      return { x: q.x, y: q.y };
    }),
  })));
  return {
    layout: svg.getAttribute('data-layout'), layoutMs: Number(svg.getAttribute('data-layout-ms')),
    viewport: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
    nodes, groups, labels, edges,
    drawn: [...svg.querySelectorAll('rect, text, path')].filter((e) => !e.closest('defs')).map(box),
  };
})()`;

const EPS = 0.5;
const overlaps = (a: Box, b: Box): boolean => a.left < b.right - EPS && b.left < a.right - EPS && a.top < b.bottom - EPS && b.top < a.bottom - EPS;
const inside = (a: Box, b: Box): boolean => a.left >= b.left - EPS && a.right <= b.right + EPS && a.top >= b.top - EPS && a.bottom <= b.bottom + EPS;
/** An axis-parallel (orthogonal) segment against a box's interior, one pixel in from its border. */
function crosses(p: { x: number; y: number }, q: { x: number; y: number }, b: Box): boolean {
  const seg = { left: Math.min(p.x, q.x), right: Math.max(p.x, q.x), top: Math.min(p.y, q.y), bottom: Math.max(p.y, q.y) };
  const core = { left: b.left + 1, right: b.right - 1, top: b.top + 1, bottom: b.bottom - 1 };
  return seg.left <= core.right && core.left <= seg.right && seg.top <= core.bottom && core.top <= seg.bottom;
}

test('the HTML view, laid out by ELK in Chromium: no label on a node, edges around namespaces, nothing outside 1400 px, a click filters the table', { skip: needPrograms('chromium'), timeout: 300_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-netpol-'));
  const input = join(dir, 'cluster.json');
  const file = join(dir, 'netpol.html');
  writeFileSync(input, JSON.stringify(dump(), null, 2));
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'netpol', input, '--format', 'html', '-o', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const html = readFileSync(file, 'utf8');
  // The library is inlined: no script or stylesheet by reference, and a policy that forbids fetching.
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+stylesheet/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.ok(html.includes(readFileSync(join(repoRoot, 'node_modules/elkjs/lib/elk.bundled.js'), 'utf8').slice(0, 2000)), 'elkjs inlined from node_modules');
  const browser = await chromium.launch({
    // Debian installs it as /usr/bin/chromium; take whichever is on PATH.
    executablePath: spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (q) => { if (!q.url().startsWith('file:') && !q.url().startsWith('data:')) requests.push(q.url()); });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForSelector('#graph[data-layout]', { state: 'attached', timeout: 240_000 });
    const g = await page.evaluate<Geometry>(READ_GEOMETRY);
    console.log(`ELK layout of ${g.nodes.length} boxes and ${g.edges.length} edge paths in Chromium: ${g.layoutMs} ms`);
    assert.equal(g.layout, 'done');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [], 'a self-contained page fetches nothing');

    // Every workload of the dump is drawn, once per variant, inside its namespace's box.
    for (const w of ['shop/web[Deployment]{track=canary}', 'shop/web[Deployment]{track=stable}', 'shop/db', 'payments/gateway', 'payments/report', 'kube-system/coredns', 'kube-system/node-exporter', 'monitoring/debug-shell']) {
      const node = g.nodes.find((n) => n.id === `w:${w}`);
      assert.ok(node, `${w} drawn`);
      const ns = g.groups.find((x) => x.id === node.group)!;
      assert.equal(ns.id, `ns:${w.split('/')[0]}`);
      assert.ok(inside(node.box, ns.box), `${w} inside its namespace box`);
    }
    assert.ok(g.labels.length >= 10, `port labels drawn (${g.labels.length})`);
    assert.ok(g.edges.length >= 20, `edges drawn (${g.edges.length})`);

    // No label box overlaps any node box; a node's own text stays in its box.
    for (const n of g.nodes) {
      for (const l of g.labels) assert.ok(!overlaps(l.box, n.box), `edge label ${l.from} → ${l.to} ${JSON.stringify(l.box)} overlaps node ${n.id} ${JSON.stringify(n.box)}`);
      for (const x of g.groups) assert.ok(!overlaps(x.label, n.box), `namespace title of ${x.id} overlaps node ${n.id}`);
      for (const t of n.text) assert.ok(inside(t, n.box), `text of ${n.id} ${JSON.stringify(t)} leaves its box ${JSON.stringify(n.box)}`);
    }
    for (const [i, a] of g.labels.entries()) {
      for (const b of g.labels.slice(i + 1)) assert.ok(!overlaps(a.box, b.box), `edge labels ${a.from} → ${a.to} and ${b.from} → ${b.to} overlap`);
      for (const x of g.groups) assert.ok(!overlaps(a.box, x.label), `edge label ${a.from} → ${a.to} covers the title of ${x.id}`);
    }

    // Edges are routed around the namespace boxes and nodes they do not connect.
    const groupOf = new Map(g.nodes.map((n) => [n.id, n.group]));
    for (const e of g.edges) {
      const own = new Set([groupOf.get(e.from), groupOf.get(e.to)]);
      for (let k = 1; k < e.points.length; k++) {
        const [p, q] = [e.points[k - 1]!, e.points[k]!];
        for (const x of g.groups) if (!own.has(x.id)) assert.ok(!crosses(p, q, x.box), `edge ${e.from} → ${e.to} runs through ${x.id}`);
        for (const n of g.nodes) if (n.id !== e.from && n.id !== e.to) assert.ok(!crosses(p, q, n.box), `edge ${e.from} → ${e.to} runs through node ${n.id}`);
      }
    }

    // Nothing is clipped or pushed outside the 1400 px window.
    assert.equal(g.viewport, WIDTH);
    assert.ok(g.scrollWidth <= WIDTH, `page is ${g.scrollWidth} px wide`);
    for (const b of g.drawn) assert.ok(b.left >= -EPS && b.right <= WIDTH + EPS, `drawn at ${b.left}..${b.right}`);

    // The long selector label is wrapped, with the whole text on hover.
    const long = g.nodes.find((n) => n.title.includes(LONG_SELECTOR_NAME));
    assert.ok(long, 'the long selector is drawn');
    assert.ok(long.lines.length >= 3, `wrapped into ${long.lines.length} lines`);
    assert.equal(long.lines.join('').replace(/\s/g, ''), long.title.replace(/ \(pods\)$/, '').replace(/\s/g, ''), 'the lines hold the whole text');
    assert.match(long.title, /pre-production-eu-west-1/);

    // Clicking a workload filters the connections table to its rows; the background shows all again.
    const rows = page.locator('#connections tbody tr');
    const total = await rows.count();
    const db = 'w:shop/db';
    const expected = await page.locator(`#connections tbody tr[data-from="${db}"], #connections tbody tr[data-to="${db}"]`).count();
    assert.ok(expected > 0 && expected < total);
    await page.locator(`svg .node[data-id="${db}"]`).click();
    const shown = await page.locator('#connections tbody tr:visible').evaluateAll((trs) => trs.map((t) => [t.getAttribute('data-from'), t.getAttribute('data-to')] as const));
    assert.equal(shown.length, expected);
    for (const [from, to] of shown) assert.ok(from === db || to === db, `${from} → ${to} shown for ${db}`);
    assert.match((await page.locator('#selection').textContent()) ?? '', new RegExp(`Showing ${expected} connections? of shop/db`));
    assert.ok(await page.locator('svg .edge.hot').count() > 0);
    assert.ok(await page.locator('svg .edge.dim').count() > 0);
    // The text filter narrows within the selection.
    await page.locator('#filter').fill('5432');
    const narrowed = await page.locator('#connections tbody tr:visible').count();
    assert.ok(narrowed > 0 && narrowed <= expected);
    await page.locator('#filter').fill('');
    await page.locator('svg rect.background').click({ position: { x: 2, y: 2 } });
    assert.equal(await page.locator('#connections tbody tr:visible').count(), total);

    const shot = await page.screenshot({ fullPage: true });
    assert.equal(shot.readUInt32BE(16), WIDTH, 'the screenshot is 1400 px wide');
    if (process.env['SEAWORTHY_SCREENSHOT']) writeFileSync(process.env['SEAWORTHY_SCREENSHOT'], shot);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
