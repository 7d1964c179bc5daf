import { test } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../src/rules/workload-not-isolated.js';
import { kubeModel } from '../support/kube-fixtures.js';
import { findingLines, runRule } from '../support/run-rule.js';

const workloads = `apiVersion: v1
kind: Pod
metadata:
  name: api
  labels: {app: api}
spec: {containers: [{name: api, image: api:1}]}
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: report}}
        spec: {containers: [{name: r, image: r:1}]}
`;

test('valid: selected for both directions', () => {
  const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: all}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;
  assert.deepEqual(findingLines(runRule(rule, kubeModel(workloads, policy))), []);
});

test('invalid: each direction reported apart, at the workload name', () => {
  assert.deepEqual(findingLines(runRule(rule, kubeModel(workloads))), [
    '4:9 No NetworkPolicy in namespace "default" selects Pod "api" for egress: it can connect to any pod or address.',
    '4:9 No NetworkPolicy in namespace "default" selects Pod "api" for ingress: any pod or address can connect to it.',
    '11:9 No NetworkPolicy in namespace "default" selects CronJob "report" for egress: it can connect to any pod or address.',
    '11:9 No NetworkPolicy in namespace "default" selects CronJob "report" for ingress: any pod or address can connect to it.',
  ]);
  // Selected for ingress only (no egress rules, no policyTypes): egress stays open.
  const ingressOnly = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in}
spec:
  podSelector: {matchExpressions: [{key: app, operator: In, values: [api]}]}
  ingress: [{from: [{podSelector: {}}]}]
`;
  const findings = runRule(rule, kubeModel(workloads, ingressOnly));
  assert.deepEqual(findingLines(findings).filter((l) => l.includes('"api"')), [
    '4:9 No NetworkPolicy in namespace "default" selects Pod "api" for egress: it can connect to any pod or address.',
  ]);
  assert.deepEqual(findings[0]!.resource, { kind: 'Pod', name: 'api' });
});
