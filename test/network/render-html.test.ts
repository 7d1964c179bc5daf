/**
 * The HTML page as written, without a browser: what it inlines, the graph data
 * it hands its script, and text from the scanned files kept as text. How it
 * draws is tested in Chromium (test/cli/netpol-html.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeConnectivity } from '../../src/network/connectivity.js';
import { fromScanModel, parseNetworkPolicy } from '../../src/network/index.js';
import { renderHtml } from '../../src/network/render-html.js';
import { kubeModel } from '../support/kube-fixtures.js';
import { repoRoot } from '../support/prerequisites.js';

interface PageData {
  library: string;
  labelled: boolean;
  drawn: boolean;
  groups: { id: string; nodes: { id: string; label: string }[] }[];
  edges: { from: string; to: string; label: string; both: boolean }[];
  names: Record<string, string>;
}

function pageData(html: string): PageData {
  const m = /<script type="application\/json" id="graph-data">([^<]*)<\/script>/.exec(html);
  assert.ok(m, 'the graph data block');
  return JSON.parse(m[1]!) as PageData;
}

function page(yaml: string): string {
  const input = fromScanModel(kubeModel(yaml));
  return renderHtml(input, computeConnectivity(input));
}

const deployment = (ns: string, name: string, extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: x:1, ports: [{containerPort: 8080}]}]}${extra}
`;

test('the page inlines elkjs from node_modules and loads nothing else', () => {
  const html = page(deployment('shop', 'web'));
  const elk = readFileSync(join(repoRoot, 'node_modules/elkjs/lib/elk.bundled.js'), 'utf8');
  assert.ok(html.includes(elk), 'the whole library, unchanged (it holds no </script and no <!--)');
  const version = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/elkjs/package.json'), 'utf8')) as { version: string }).version;
  assert.equal(pageData(html).library, `elkjs ${version}`);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+stylesheet/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
});

test('connections both ways with the same ports are one edge with two arrows; the table keeps both rows', () => {
  const html = page([
    deployment('shop', 'web'), deployment('shop', 'api'), deployment('shop', 'client'),
    // web and api admit web, api and client on 8080: web ⇄ api on 8080 both ways;
    // client (not isolated) → web on 8080, web → client on every port: one way each.
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-api, namespace: shop}
spec:
  podSelector: {matchExpressions: [{key: app, operator: In, values: [web, api]}]}
  ingress: [{from: [{podSelector: {matchExpressions: [{key: app, operator: In, values: [web, api, client]}]}}], ports: [{port: 8080}]}]
`,
  ].join('---\n'));
  const data = pageData(html);
  const between = data.edges.filter((e) => [e.from, e.to].sort().join() === 'w:shop/api,w:shop/web');
  assert.deepEqual(between.map((e) => [e.label, e.both]), [['TCP 8080', true]]);
  assert.deepEqual(data.edges.filter((e) => [e.from, e.to].sort().join() === 'w:shop/client,w:shop/web').map((e) => [e.from, e.label, e.both]),
    [['w:shop/client', 'TCP 8080', false], ['w:shop/web', 'all ports', false]], 'one-way edges stay one-way');
  assert.match(html, /<tr data-from="w:shop\/web" data-to="w:shop\/api">/);
  assert.match(html, /<tr data-from="w:shop\/api" data-to="w:shop\/web">/);
  // Every table row names ends the drawing has, so selecting a node can filter the rows.
  const ids = new Set(data.groups.flatMap((g) => g.nodes.map((n) => n.id)));
  for (const [, from, to] of html.matchAll(/<tr data-from="([^"]*)" data-to="([^"]*)">/g)) {
    assert.ok(ids.has(from!) && ids.has(to!), `${from} → ${to} drawn`);
  }
  assert.equal(data.names['w:shop/api'], 'shop/api');
});

test('text from the scanned files stays text: no markup, no script end inside the page', () => {
  const hostile = '</script><script>alert(1)</script><!--';
  const html = renderHtml({ pods: [{ namespace: 'ns', name: 'w', labels: { note: hostile }, ports: [] }], policies: [], namespaces: [] }, []);
  assert.equal(html.match(/<script/g)?.length, 3, 'the data block, the library and the page script');
  const evil = renderHtml({ pods: [{ namespace: hostile, name: `x${hostile}\u2028`, labels: {}, ports: [] }], policies: [], namespaces: [] }, []);
  assert.equal(evil.match(/<script/g)?.length, 3);
  assert.ok(!evil.includes('<script>alert'));
  const data = pageData(evil);
  assert.equal(data.groups[0]!.nodes[0]!.label, `x${hostile}\u2028`, 'the data block gives the name back exactly');
});

test('long selector labels reach the page whole; the browser wraps them', () => {
  const html = page(`apiVersion: v1
kind: Pod
metadata: {name: p, namespace: mon}
spec: {containers: [{name: c, image: x:1}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: scrape, namespace: mon}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: [{namespaceSelector: {matchExpressions: [{key: environment, operator: In, values: [production, staging]}]}, podSelector: {matchLabels: {app.kubernetes.io/name: node-exporter}}}]}]
`);
  const data = pageData(html);
  const long = data.groups.flatMap((g) => g.nodes).find((n) => n.label.includes('node-exporter'));
  assert.ok(long);
  assert.match(long.label, /app\.kubernetes\.io\/name=node-exporter.*environment in \(production,staging\)/);
});

test('above 1,000 boxes the page keeps its tables and leaves the drawing out', () => {
  const pods = Array.from({ length: 1001 }, (_, i) => ({ namespace: 'big', name: `w${i}`, labels: { app: `a${i}` }, ports: [] }));
  const policies = [parseNetworkPolicy({ metadata: { name: 'deny', namespace: 'big' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } })];
  const input = { pods, policies, namespaces: [{ name: 'big', labels: {} }] };
  const big = pageData(renderHtml(input, computeConnectivity(input)));
  assert.equal(big.drawn, false);
  const small = { ...input, pods: pods.slice(0, 1000) };
  assert.equal(pageData(renderHtml(small, computeConnectivity(small))).drawn, true);
});
