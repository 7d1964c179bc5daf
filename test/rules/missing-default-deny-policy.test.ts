import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/missing-default-deny-policy.js';
import { kubeModel } from '../support/kube-fixtures.js';
import { findingLines, runRule } from '../support/run-rule.js';

const web = (ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
`;

const denyBoth = (ns: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: ${ns}}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  egress:
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
`;

test('valid: one policy denying both, or two policies denying one direction each', () => {
  assert.deepEqual(findingLines(runRule(rule, kubeModel(web('shop'), denyBoth('shop')))), []);
  const split = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: shop}
spec: {podSelector: {}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`;
  assert.deepEqual(findingLines(runRule(rule, kubeModel(web('shop'), split))), []);
  // A namespace without workloads in the scan is not judged.
  assert.deepEqual(findingLines(runRule(rule, kubeModel('apiVersion: v1\nkind: Namespace\nmetadata: {name: empty}\n'))), []);
});

test('invalid: no policy, located at the first workload', () => {
  assert.deepEqual(findingLines(runRule(rule, kubeModel(web('shop')))), [
    '4:9 Namespace "shop" has no default-deny NetworkPolicy (`podSelector: {}`) for ingress and egress.',
  ]);
});

test('invalid: located at the Namespace object when the scan has one', () => {
  const ns = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;
  const findings = runRule(rule, kubeModel(web('shop'), ns));
  assert.deepEqual(findingLines(findings), ['4:9 Namespace "shop" has no default-deny NetworkPolicy (`podSelector: {}`) for ingress and egress.']);
  assert.equal(findings[0]!.location.file, 'test1.yaml');
});

test('invalid: one direction only, a selective policy, or a rule letting everything through', () => {
  const ingressOnly = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-ingress, namespace: shop}
spec: {podSelector: {}}
`;
  assert.deepEqual(findingLines(runRule(rule, kubeModel(web('shop'), ingressOnly))), [
    '4:9 Namespace "shop" denies ingress by default but not egress: no policy with `podSelector: {}` isolates egress.',
  ]);
  const selective = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-only, namespace: shop}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress, Egress]}
`;
  assert.equal(runRule(rule, kubeModel(web('shop'), selective)).length, 1);
  const openEgress = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: not-really, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress], egress: [{}]}
`;
  assert.deepEqual(findingLines(runRule(rule, kubeModel(web('shop'), openEgress))), [
    '4:9 Namespace "shop" denies ingress by default but not egress: no policy with `podSelector: {}` isolates egress.',
  ]);
  // A workload without a namespace is in "default", and a policy elsewhere does not help it.
  assert.deepEqual(findingLines(runRule(rule, kubeModel(web('shop').replace('  namespace: shop\n', ''), denyBoth('shop')))), [
    '4:9 Namespace "default" has no default-deny NetworkPolicy (`podSelector: {}`) for ingress and egress.',
  ]);
});
