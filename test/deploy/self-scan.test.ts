import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/prerequisites.js';

/** seaworthy's own deployment must pass seaworthy: its manifests and its Containerfile. */
test('deploy/ and the project Containerfile have no finding', () => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin/seaworthy.js'), 'scan', 'deploy/', 'Containerfile', '--format', 'json'], { cwd: repoRoot, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { findings: { ruleId: string; location: { file: string; startLine: number } }[]; errors: unknown[]; summary: { filesScanned: number } };
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.findings.map((f) => `${f.location.file}:${f.location.startLine} ${f.ruleId}`), []);
  assert.ok(report.summary.filesScanned >= 2, `scanned ${report.summary.filesScanned} files`);
  assert.equal(run.status, 0);
});

test('the manifests are the replicated service the issue asks for', async () => {
  const { scanPaths } = await import('../../src/scan/scan.js');
  const { model } = await scanPaths([join(repoRoot, 'deploy/manifests')], { rules: [] });
  const kind = (k: string) => model.kubeObjects.filter((o) => o.kind === k);
  const deployment = kind('Deployment')[0]!.value as any;
  assert.equal(deployment.spec.replicas, 3);
  assert.ok(deployment.spec.template.spec.affinity.podAntiAffinity);
  assert.equal(deployment.spec.template.spec.containers[0].readinessProbe.httpGet.path, '/readyz');
  assert.equal((kind('PodDisruptionBudget')[0]!.value as any).spec.minAvailable, 2);
  const role = kind('ClusterRole')[0]!.value as any;
  assert.deepEqual(role.rules.flatMap((r: any) => r.verbs).sort(), ['get', 'list', 'watch'], 'read-only');
  for (const k of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
    const hook = (kind(k)[0]!.value as any).webhooks[0];
    assert.equal(hook.timeoutSeconds, 3);
    assert.equal(hook.sideEffects, 'None');
    assert.equal(hook.matchPolicy, 'Equivalent');
    assert.ok(['Fail', 'Ignore'].includes(hook.failurePolicy));
    assert.deepEqual(hook.namespaceSelector.matchExpressions[0].values, ['kube-system', 'seaworthy-system']);
  }
});
