/**
 * The policies of the hardening guides, with the connectivity Kubernetes gives them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowed, connectivity, describeEnd, formatPorts, fromScanModel, isolation, type Connection } from '../../src/network/index.js';
import { kubeModel } from '../support/kube-fixtures.js';

const lines = (cs: Connection[]): string[] => cs.map((c) => `${describeEnd(c.from)} -> ${describeEnd(c.to)}: ${formatPorts(c.ports)}`).sort();

const app1 = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app1}
spec:
  template:
    metadata: {labels: {app.kubernetes.io/name: app1}}
    spec:
      containers: [{name: app, image: app1:1, ports: [{containerPort: 443}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: example
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: app1
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: app
    ports:
    - protocol: TCP
      port: 123
    - protocol: TCP
      port: 456
  - from:
    - ipBlock:
        cidr: 10.43.0.0/16
    - ipBlock:
        cidr: fe80::8cb6:aff8:8dc9:f511/64
    ports:
    - protocol: TCP
      port: 443
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
    ports:
    - protocol: UDP
      port: 53
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: db
    ports:
    - protocol: TCP
      port: 5432
`;

test('app1: ingress from namespace app and two ipBlocks, egress to DNS and the db namespace', () => {
  const model = kubeModel(app1);
  assert.deepEqual(lines(connectivity(model)), [
    '10.43.0.0/16 -> default/app1: TCP 443',
    'default/app1 -> pods in namespaces {kubernetes.io/metadata.name=db}: TCP 5432',
    'default/app1 -> pods in namespaces {kubernetes.io/metadata.name=kube-system}: UDP 53',
    'fe80::8cb6:aff8:8dc9:f511/64 -> default/app1: TCP 443',
    'pods in namespaces {kubernetes.io/metadata.name=app} -> default/app1: TCP 123,456',
  ]);
  const input = fromScanModel(model);
  const pod = input.pods[0]!;
  assert.deepEqual(isolation(input, pod), { ingress: true, egress: true });
  const inApp = { namespace: 'app', name: 'client', labels: {}, ports: [] };
  const dns = { namespace: 'kube-system', name: 'coredns', labels: {}, ports: [] };
  assert.equal(allowed(input, inApp, pod, 123), true);
  assert.equal(allowed(input, inApp, pod, 124), false);
  assert.equal(allowed(input, inApp, pod, 123, 'UDP'), false);
  assert.equal(allowed(input, { ip: '10.43.7.9' }, pod, 443), true);
  assert.equal(allowed(input, { ip: '10.44.0.1' }, pod, 443), false);
  assert.equal(allowed(input, { ip: 'fe80::1' }, pod, 443), true);
  assert.equal(allowed(input, { ip: 'fe80:0:0:1::1' }, pod, 443), false);
  assert.equal(allowed(input, pod, dns, 53, 'UDP'), true);
  assert.equal(allowed(input, pod, dns, 53, 'TCP'), false);
  assert.equal(allowed(input, pod, { ip: '169.254.169.254' }, 80), false);
});

const workloads = `apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  template:
    metadata: {labels: {role: app}}
    spec: {containers: [{name: app, image: app:1, ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  template:
    metadata: {labels: {role: db}}
    spec: {containers: [{name: mysql, image: mysql:8, ports: [{containerPort: 3306, name: mysql}]}]}
`;

const jailed = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: jailed
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
`;

const allowAppMysql = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-app-mysql
spec:
  podSelector:
    matchLabels:
      role: db
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: app
    ports:
    - protocol: TCP
      port: 3306
`;

const externalApp = `kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata:
  name: external-app
spec:
  podSelector:
    matchLabels:
      role: app
  ingress:
  - from: []
`;

test('jailed alone: nothing passes either way', () => {
  assert.deepEqual(lines(connectivity(kubeModel(workloads, jailed))), []);
});

test('jailed + allow-app-mysql + external-app: app is open to all, app → db stays blocked by jailed egress', () => {
  const model = kubeModel(workloads, jailed, allowAppMysql, externalApp);
  // The guide expects app → db:3306 to work, but `jailed` also isolates app's egress
  // and none of the three policies allows it: Kubernetes drops that traffic.
  assert.deepEqual(lines(connectivity(model)), [
    '0.0.0.0/0 -> default/app: all ports',
    '::/0 -> default/app: all ports',
    'pods in namespaces outside the scanned set -> default/app: all ports',
  ]);
  const input = fromScanModel(model);
  const [app, db] = input.pods;
  assert.equal(allowed(input, app!, db!, 3306), false);
  assert.deepEqual(isolation(input, db!), { ingress: true, egress: true });
});

test('the trio plus an egress rule for app: app → db on 3306 only', () => {
  const appEgress = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: app-to-db}
spec:
  podSelector: {matchLabels: {role: app}}
  egress:
  - to: [{podSelector: {matchLabels: {role: db}}}]
`;
  const model = kubeModel(workloads, jailed, allowAppMysql, externalApp, appEgress);
  assert.deepEqual(lines(connectivity(model)), [
    '0.0.0.0/0 -> default/app: all ports',
    '::/0 -> default/app: all ports',
    'default/app -> default/db: TCP 3306',
    'pods in namespaces outside the scanned set -> default/app: all ports',
  ]);
});
