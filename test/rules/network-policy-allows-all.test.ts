import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/network-policy-allows-all.js';
import { kubeModel } from '../support/kube-fixtures.js';
import { findingLines, runRule } from '../support/run-rule.js';

test('valid: every rule names its peers; rules of a direction not isolated are ignored', () => {
  const ok = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: narrow}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 80}]
  egress:
  - {}
`;
  assert.deepEqual(findingLines(runRule(rule, kubeModel(ok))), []);
  // Calico's own NetworkPolicy has other semantics: not ours to judge.
  assert.deepEqual(findingLines(runRule(rule, kubeModel('apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: c}\nspec: {ingress: [{}]}\n'))), []);
});

test('invalid: `- {}`, `from: []` and a rule with only ports, each at the rule', () => {
  const bad = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: wide
  namespace: shop
spec:
  podSelector: {}
  ingress:
  - {}
  - from: []
  - ports:
    - port: 443
  egress:
    - ports: [{protocol: UDP, port: 53}, {port: dns, protocol: TCP}]
`;
  const findings = runRule(rule, kubeModel(bad));
  assert.deepEqual(findingLines(findings), [
    '9:5 Ingress rule of NetworkPolicy "wide" admits every source (all ports).',
    '10:5 Ingress rule of NetworkPolicy "wide" admits every source (all ports).',
    '11:5 Ingress rule of NetworkPolicy "wide" admits every source (TCP 443).',
    '14:7 Egress rule of NetworkPolicy "wide" admits every destination (TCP dns; UDP 53).',
  ]);
  assert.deepEqual(findings[0]!.resource, { kind: 'NetworkPolicy', name: 'wide', namespace: 'shop' });
});
