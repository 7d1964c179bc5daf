import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/metadata-api-reachable.js';
import { kubeModel } from '../support/kube-fixtures.js';
import { findingLines, runRule } from '../support/run-rule.js';

const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web:1}]}
`;

const egressPolicy = (egress: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
${egress}`;

test('valid: egress isolated, metadata address excepted or not covered', () => {
  const cases = [
    egressPolicy('  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]\n'),
    egressPolicy('  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.0.0/16]}}]\n'),
    egressPolicy('  - to: [{ipBlock: {cidr: 10.0.0.0/8}}]\n  - to: [{ipBlock: {cidr: "::/0"}}]\n'),
    egressPolicy('  - to: [{namespaceSelector: {}}]\n'),
    egressPolicy('  - ports: [{port: dns, protocol: UDP}]\n'),
    egressPolicy('    []\n'),
  ];
  for (const p of cases) assert.deepEqual(findingLines(runRule(rule, kubeModel(web, p))), [], p);
});

test('invalid: no egress policy, at the workload', () => {
  assert.deepEqual(findingLines(runRule(rule, kubeModel(web))), [
    '4:9 Deployment "web" has no egress NetworkPolicy, so it can reach the cloud metadata API at 169.254.169.254.',
  ]);
});

test('invalid: an ipBlock holding the address, at its cidr', () => {
  const p = egressPolicy('  - to:\n    - ipBlock:\n        cidr: 169.254.0.0/16\n        except: [169.254.1.0/24]\n');
  assert.deepEqual(findingLines(runRule(rule, kubeModel(web, p))), [
    '10:15 NetworkPolicy "web-egress" lets Deployment "web" reach the cloud metadata API: ipBlock 169.254.0.0/16 contains 169.254.169.254 and no `except` removes it.',
  ]);
});

test('invalid: a rule allowing every destination, at the rule', () => {
  const p = egressPolicy('  - to: [{podSelector: {}}]\n  - ports:\n    - port: 80\n');
  assert.deepEqual(findingLines(runRule(rule, kubeModel(web, p))), [
    '9:5 NetworkPolicy "web-egress" lets Deployment "web" reach the cloud metadata API: this egress rule allows every destination.',
  ]);
});
