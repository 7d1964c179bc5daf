/**
 * Deployment units from kustomizations, through a real directory scan: a policy
 * governs only what its kustomization deploys with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanPaths } from '../../src/scan/scan.js';
import { runNetpolCommand } from '../../src/cli/netpol-command.js';
import { unitFiles } from '../../src/network/deployment-units.js';
import workloadNotIsolated from '../../src/rules/workload-not-isolated.js';
import missingDefaultDeny from '../../src/rules/missing-default-deny-policy.js';

const deploy = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: x:1}]}\n`;
const denyAll = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n';
const kustomization = (lines: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${lines}`;

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'seaworthy-units-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('a policy in one kustomization does not isolate the workloads of another', async () => {
  const dir = tree({
    'team-a/kustomization.yaml': kustomization('resources: [web.yaml, deny.yaml]\n'),
    'team-a/web.yaml': deploy('web'),
    'team-a/deny.yaml': denyAll,
    'team-b/kustomization.yaml': kustomization('resources: [api.yaml]\ncomponents: [../components/deny]\n'),
    'team-b/api.yaml': deploy('api'),
    'team-c/kustomization.yaml': kustomization('resources: [worker.yaml]\n'),
    'team-c/worker.yaml': deploy('worker'),
    'components/deny/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [deny.yaml]\n',
    'components/deny/deny.yaml': denyAll,
  });
  try {
    const out = await scanPaths([dir], { rules: [workloadNotIsolated, missingDefaultDeny] });
    assert.deepEqual(out.errors, []);
    const units = unitFiles(out.model)!;
    assert.ok(units.length >= 3);
    const open = out.findings.filter((f) => f.ruleId === 'workload-not-isolated').map((f) => f.resource?.name);
    // team-a's web is isolated by its own deny-all; team-c's worker is not, though the namespace is the same.
    assert.ok(!open.includes('web'), JSON.stringify(open));
    assert.ok(open.includes('worker'));
    assert.ok(!open.includes('api'), 'team-b takes the deny-all from the component it references');
    assert.equal(out.findings.filter((f) => f.ruleId === 'missing-default-deny-policy').length, 1, 'only team-c lacks a default deny');
    const text = runNetpolCommand(out.model, { format: 'text', suggest: false });
    assert.match(text, /^shop\/worker -> 0\.0\.0\.0\/0: all ports$/m);
    assert.doesNotMatch(text, /shop\/worker -> shop\/web/, 'web admits nothing: its unit denies all');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without a kustomization everything is one unit, as before', async () => {
  const dir = tree({ 'web.yaml': deploy('web'), 'deny.yaml': denyAll, 'worker.yaml': deploy('worker') });
  try {
    const out = await scanPaths([dir], { rules: [workloadNotIsolated] });
    assert.equal(unitFiles(out.model), undefined);
    assert.deepEqual(out.findings, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
