/**
 * The HTML view in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core): it loads with no console error and shows every workload.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { runNetpolCommand } from '../../src/cli/netpol-command.js';
import { kubeModel } from '../support/kube-fixtures.js';
import { needPrograms } from '../support/prerequisites.js';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function manifests(): string {
  const docs: string[] = [];
  for (const ns of ['shop', 'ops', 'payments']) {
    for (const name of ['web', 'api', 'worker-with-a-rather-long-name-for-layout']) {
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: x:1, ports: [{containerPort: 8080, name: http}]}]}
`);
    }
    docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: ${ns}}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: http}]}]
  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}, {namespaceSelector: {matchLabels: {team: "x"}}}]}]
`);
  }
  docs.push(`apiVersion: v1
kind: Pod
metadata: {name: open-pod, namespace: default}
spec: {containers: [{name: c, image: x:1}]}
`);
  return docs.join('---\n');
}

test('the HTML view loads without console errors and shows every workload', { skip: needPrograms('chromium'), timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const model = kubeModel(manifests());
  const html = runNetpolCommand(model, { format: 'html', suggest: false });
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-netpol-'));
  const file = join(dir, 'netpol.html');
  writeFileSync(file, html);
  // A fresh profile each run: nothing left over from an earlier browser.
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    // Debian installs it as /usr/bin/chromium; take whichever is on PATH.
    executablePath: execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [], 'a self-contained page fetches nothing');
    for (const w of model.workloads) {
      const id = `w:${w.namespace ?? 'default'}/${w.name}`;
      assert.equal(await page.locator(`svg .node[data-id="${id}"]`).isVisible(), true, `${id} drawn`);
      const row = page.locator('#workloads tr.workload-row', { has: page.locator('td.workload-name', { hasText: w.name! }) });
      assert.ok(await row.count() >= 1, `${w.name} listed`);
      assert.equal(await row.first().isVisible(), true);
    }
    // The inline script runs: selecting a workload dims edges that are not its own.
    await page.locator('svg .node[data-id="w:default/open-pod"]').click();
    assert.ok(await page.locator('svg .edge.dim').count() > 0);
    assert.ok(await page.locator('svg .edge.hot').count() > 0);
    await page.locator('#filter').fill('payments/api');
    const shown = await page.locator('#connections tbody tr:visible').count();
    assert.ok(shown > 0 && shown < (await page.locator('#connections tbody tr').count()));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
