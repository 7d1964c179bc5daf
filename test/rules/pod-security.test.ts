import { test } from 'node:test';
import assert from 'node:assert/strict';
import baseline from '../../src/rules/pod-security-baseline.js';
import restricted from '../../src/rules/pod-security-restricted.js';
import { buildModel } from '../../src/scan/build-model.js';
import { runRules } from '../../src/engine/run-rules.js';
import { DEFAULT_SETTINGS } from '../../src/scan/scan.js';
import type { RuleSettings } from '../../src/rules/rule.js';

const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n${labels}---\n`;
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: app
          image: nginx:1
          securityContext:
            allowPrivilegeEscalation: true
`;

function run(text: string, settings: Partial<RuleSettings> = {}) {
  const { model } = buildModel([{ path: 'all.yaml', text }]);
  return runRules(model, { rules: [baseline, restricted], settings: { ...DEFAULT_SETTINGS, ...settings } }).map((f) => ({
    rule: f.ruleId, sev: f.severity, at: `${f.location.startLine}:${f.location.startColumn}`, check: /^\S+ (\S+):/.exec(f.message)?.[1], message: f.message,
  }));
}

test('silent without a chosen level or labels', () => {
  assert.deepEqual(run(deployment), []);
});

test('an enforce label judges the namespace\'s workloads, located in the template', () => {
  const got = run(ns('    pod-security.kubernetes.io/enforce: baseline\n') + deployment);
  assert.deepEqual(got.map((g) => [g.rule, g.sev, g.at, g.check]), [['pod-security-baseline', 'high', '16:20', 'hostNamespaces']]);
  assert.match(got[0]!.message, /^baseline:v1\.\d+ hostNamespaces: host namespaces \(hostNetwork=true\); namespace "shop" enforces this level$/);
});

test('warn is one severity lower and does not repeat what enforce found', () => {
  const got = run(ns('    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/warn: restricted\n    pod-security.kubernetes.io/warn-version: v1.29\n') + deployment);
  const byCheck = Object.fromEntries(got.map((g) => [g.check, g]));
  assert.equal(byCheck['hostNamespaces']!.sev, 'high');
  assert.equal(byCheck['hostNamespaces']!.rule, 'pod-security-baseline');
  assert.equal(got.filter((g) => g.check === 'hostNamespaces').length, 1);
  assert.equal(byCheck['allowPrivilegeEscalation']!.sev, 'medium');
  assert.equal(byCheck['allowPrivilegeEscalation']!.rule, 'pod-security-restricted');
  assert.equal(byCheck['allowPrivilegeEscalation']!.at, '23:39');
  assert.match(byCheck['allowPrivilegeEscalation']!.message, /^restricted:v1\.29 /);
  assert.ok(byCheck['runAsNonRoot'], 'a missing field is reported at its owner');
  assert.equal(byCheck['runAsNonRoot']!.at, '20:11');
});

test('an explicit level overrides labels and applies to every workload', () => {
  const got = run(ns('    pod-security.kubernetes.io/enforce: privileged\n') + deployment, { podSecurity: { level: 'restricted', version: 'latest' } });
  assert.ok(got.length >= 4);
  assert.ok(got.every((g) => g.rule === 'pod-security-restricted' && g.sev === 'high' && !/namespace "shop"/.test(g.message)));
});

test('an unknown level label is read as restricted, as Pod Security Admission does', () => {
  const got = run(ns('    pod-security.kubernetes.io/enforce: restricetd\n') + deployment);
  assert.ok(got.some((g) => g.rule === 'pod-security-restricted' && g.check === 'allowPrivilegeEscalation'));
});

test('older versions judge by the older policy', () => {
  // allowPrivilegeEscalation is a restricted check only since v1.8.
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n    - name: c\n      image: x:1\n      securityContext: {allowPrivilegeEscalation: true}\n';
  const old = run(pod, { podSecurity: { level: 'restricted', version: 'v1.7' } }).map((g) => g.check);
  const now = run(pod, { podSecurity: { level: 'restricted', version: 'v1.8' } }).map((g) => g.check);
  assert.ok(!old.includes('allowPrivilegeEscalation'));
  assert.ok(now.includes('allowPrivilegeEscalation'));
});

test('every workload kind is judged through its pod template, located there', () => {
  const template = (indent: string) =>
    [`${indent}metadata: {labels: {app: x}}`, `${indent}spec:`, `${indent}  containers:`, `${indent}    - name: app`, `${indent}      image: nginx:1`, `${indent}      securityContext: {privileged: true}`].join('\n');
  const kinds: [string, string][] = [
    ['Pod', `apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  containers:\n    - name: app\n      image: nginx:1\n      securityContext: {privileged: true}\n`],
    ['PodTemplate', `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: w}\ntemplate:\n${template('  ')}\n`],
    ...(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'].map((kind): [string, string] => [kind, `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: w}\nspec:\n  template:\n${template('    ')}\n`])),
    ['CronJob', `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: w}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n${template('        ')}\n`],
  ];
  for (const [kind, text] of kinds) {
    const got = run(text, { podSecurity: { level: 'baseline', version: 'latest' } });
    assert.equal(got.length, 1, kind);
    assert.equal(got[0]!.check, 'privileged', kind);
    // the finding sits on the `privileged: true` inside the template
    const line = text.split('\n').findIndex((l) => l.includes('privileged: true')) + 1;
    assert.equal(got[0]!.at.split(':')[0], String(line), kind);
  }
});
