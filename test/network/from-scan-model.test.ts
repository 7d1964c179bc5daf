import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromScanModel } from '../../src/network/index.js';
import { kubeModel } from '../support/kube-fixtures.js';

test('pods from templates, namespaces with labels, only networking.k8s.io policies', () => {
  const input = fromScanModel(kubeModel(`apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: a}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {owner: me}}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers: [{name: proxy, image: p:1, restartPolicy: Always, ports: [{containerPort: 15001, name: proxy}]}]
      containers: [{name: web, image: w:1, ports: [{containerPort: 8080, name: http}, {containerPort: 5353, protocol: UDP}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np}
spec: {podSelector: {}}
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: calico}
spec: {}
`));
  assert.deepEqual(input.namespaces.map((n) => [n.name, n.labels]), [['shop', { team: 'a' }]]);
  assert.deepEqual(input.pods.map((p) => [p.namespace, p.name, p.labels, p.ports]), [[
    'shop', 'web', { app: 'web' },
    [{ port: 8080, protocol: 'TCP', name: 'http' }, { port: 5353, protocol: 'UDP' }, { port: 15001, protocol: 'TCP', name: 'proxy' }],
  ]]);
  assert.deepEqual(input.policies.map((p) => [p.namespace, p.name]), [['default', 'np']]);
});
