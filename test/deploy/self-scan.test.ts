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
  const deployment = kind('Deployment').find((o) => (o.value as any).metadata.name === 'seaworthy')!.value as any;
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

test('the Harbor adapter manifests: hardened like the webhook, the database written by a CronJob and mounted read-only', async () => {
  const { scanPaths } = await import('../../src/scan/scan.js');
  const { model } = await scanPaths([join(repoRoot, 'deploy/manifests/seaworthy-harbor-adapter.yaml')], { rules: [] });
  const one = (k: string) => model.kubeObjects.find((o) => o.kind === k)!.value as any;
  const pod = one('Deployment').spec.template.spec;
  const container = pod.containers[0];
  assert.deepEqual(container.args.slice(0, 2), ['serve', 'harbor']);
  assert.equal(pod.automountServiceAccountToken, false);
  assert.equal(pod.securityContext.runAsNonRoot, true);
  assert.equal(pod.securityContext.seccompProfile.type, 'RuntimeDefault');
  assert.deepEqual(container.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
  const dbClaim = pod.volumes.find((v: any) => v.name === 'advisory-db').persistentVolumeClaim;
  assert.equal(dbClaim.readOnly, true);
  assert.equal(container.volumeMounts.find((m: any) => m.name === 'advisory-db').readOnly, true);
  assert.ok(pod.volumes.find((v: any) => v.name === 'jobs').persistentVolumeClaim, 'the job store is a volume');
  const cron = one('CronJob').spec;
  const job = cron.jobTemplate.spec.template.spec;
  assert.deepEqual(job.containers[0].args.slice(0, 2), ['db', 'update']);
  assert.equal(job.volumes[0].persistentVolumeClaim.claimName, dbClaim.claimName, 'the CronJob writes the volume the adapter reads');
  assert.equal(job.containers[0].volumeMounts[0].readOnly, undefined);
  assert.equal(cron.concurrencyPolicy, 'Forbid');
});

test('the chart renders the same adapter: its templates name every value the manifests use', async () => {
  const { readFileSync } = await import('node:fs');
  const template = readFileSync(join(repoRoot, 'deploy/helm/seaworthy/templates/harbor-adapter.yaml'), 'utf8');
  const values = readFileSync(join(repoRoot, 'deploy/helm/seaworthy/values.yaml'), 'utf8');
  const { load } = await import('js-yaml');
  const adapter = (load(values) as any).harborAdapter;
  assert.equal(adapter.enabled, false, 'opt-in');
  for (const ref of template.matchAll(/\$a\.([\w.]+)/g)) {
    const value = ref[1]!.split('.').reduce((o: any, k) => (o === undefined ? undefined : o[k]), adapter);
    assert.notEqual(value, undefined, `values.yaml has harborAdapter.${ref[1]}`);
  }
  const manifest = readFileSync(join(repoRoot, 'deploy/manifests/seaworthy-harbor-adapter.yaml'), 'utf8');
  for (const arg of ['--workers=2', '--max-queue=100', '--scan-timeout=600', '--retain=24', '--refresh-after=5']) assert.ok(manifest.includes(arg) && template.includes(arg.split('=')[0]!), arg);
  assert.equal(adapter.workers, 2);
  assert.equal(adapter.scanTimeoutSeconds, 600);
});
