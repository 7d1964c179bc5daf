import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { helmBinary } from '../support/go-tools.js';
import { prerequisite, repoRoot } from '../support/prerequisites.js';

// The real helm CLI (test/tools/helm/build.sh installs it from the Go module proxy; .ci/run does).
const helm = helmBinary();
const skip = prerequisite(existsSync(helm), `${helm} (bash test/tools/helm/build.sh)`);
const chart = join(repoRoot, 'deploy/helm/seaworthy');
const CERT_MANAGER = ['--set', 'tls.certManager.enabled=true'];

type Obj = { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; [k: string]: any };

function run(args: string[]): string {
  const r = spawnSync(helm, args, { encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: mkdtempSync(join(tmpdir(), 'helm-')) } });
  assert.equal(r.status, 0, `helm ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

function render(extra: string[]): string {
  return run(['template', 'seaworthy', chart, '--namespace', 'seaworthy-system', ...extra]);
}

function scanText(text: string): { findings: { ruleId: string; location: { startLine: number } }[]; errors: unknown[]; summary: { filesScanned: number } } {
  const file = join(mkdtempSync(join(tmpdir(), 'seaworthy-chart-')), 'rendered.yaml');
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'scan', file, '--format', 'json'], { encoding: 'utf8' });
  return JSON.parse(r.stdout);
}

const objects = (text: string): Obj[] => (loadAll(text) as (Obj | null)[]).filter((o): o is Obj => !!o);
const id = (o: Obj): string => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** What only a rendering adds or words differently: the config checksum, the reason text of an ignore. */
function substance(o: Obj): Obj {
  const copy = structuredClone(o);
  delete copy['spec']?.template?.metadata?.annotations?.['checksum/config'];
  if (copy['spec']?.template?.metadata?.annotations && !Object.keys(copy['spec'].template.metadata.annotations).length) delete copy['spec'].template.metadata.annotations;
  const ignore = copy.metadata.annotations?.['seaworthy.io/ignore'];
  if (ignore) copy.metadata.annotations!['seaworthy.io/ignore'] = ignore.split(' -- ')[0]!;
  return copy;
}

test('helm lint passes on the chart, with default and cert-manager values', { skip }, () => {
  for (const values of [[], CERT_MANAGER]) {
    const out = run(['lint', '--strict', chart, ...values]);
    assert.match(out, /1 chart\(s\) linted, 0 chart\(s\) failed/);
  }
});

test('the rendered chart passes seaworthy with no finding, with default and cert-manager values', { skip }, () => {
  for (const values of [[], CERT_MANAGER]) {
    const report = scanText(render(values));
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.findings.map((f) => `${f.location.startLine} ${f.ruleId}`), [], values.join(' '));
    assert.equal(report.summary.filesScanned, 1);
  }
});

test('the rendered chart is deploy/manifests in substance: same objects, same specs', { skip }, () => {
  const rendered = objects(render([]));
  const manifests = objects(readFileSync(join(repoRoot, 'deploy/manifests/seaworthy.yaml'), 'utf8'));
  // The plain manifests create their namespace; helm install --create-namespace does that.
  assert.deepEqual(rendered.map(id).sort(), manifests.filter((o) => o.kind !== 'Namespace').map(id).sort());
  for (const o of rendered) assert.deepEqual(substance(o), substance(manifests.find((m) => id(m) === id(o))!), id(o));
  // What the issue asks of the service, checked on the rendering itself.
  const deployment = rendered.find((o) => o.kind === 'Deployment')!;
  assert.equal(deployment['spec'].replicas, 3);
  assert.ok(deployment['spec'].template.spec.affinity.podAntiAffinity);
  assert.equal(rendered.find((o) => o.kind === 'PodDisruptionBudget')!['spec'].minAvailable, 2);
  for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
    for (const hook of rendered.find((o) => o.kind === kind)!['webhooks']) {
      assert.equal(hook.timeoutSeconds, 3);
      assert.equal(hook.sideEffects, 'None');
      assert.equal(hook.matchPolicy, 'Equivalent');
      assert.equal(hook.failurePolicy, kind.startsWith('Validating') ? 'Fail' : 'Ignore');
      assert.deepEqual(hook.namespaceSelector.matchExpressions[0].values, ['kube-system', 'seaworthy-system']);
    }
  }
});

test('with cert-manager the chart issues the serving certificate and has the CA injected', { skip }, () => {
  const rendered = objects(render(CERT_MANAGER));
  const serving = rendered.find((o) => o.kind === 'Certificate' && o.metadata.name === 'seaworthy-serving')!;
  assert.ok(serving['spec'].dnsNames.includes('seaworthy.seaworthy-system.svc'));
  assert.equal(serving['spec'].secretName, 'seaworthy-tls');
  for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
    const hooks = rendered.find((o) => o.kind === kind)!;
    assert.equal(hooks.metadata.annotations?.['cert-manager.io/inject-ca-from'], 'seaworthy-system/seaworthy-serving');
    for (const hook of hooks['webhooks']) assert.equal(hook.clientConfig.caBundle, undefined);
  }
  // Everything else is the default rendering.
  const plain = objects(render([]));
  for (const o of plain.filter((p) => !p.kind.endsWith('WebhookConfiguration'))) assert.deepEqual(rendered.find((r) => id(r) === id(o)), o, id(o));
});
