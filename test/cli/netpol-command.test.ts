import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runNetpolCommand } from '../../src/cli/netpol-command.js';
import { namesService } from '../../src/network/suggest-policies.js';
import { connectivity, describeEnd, formatPorts } from '../../src/network/index.js';
import missingDefaultDeny from '../../src/rules/missing-default-deny-policy.js';
import workloadNotIsolated from '../../src/rules/workload-not-isolated.js';
import networkPolicyAllowsAll from '../../src/rules/network-policy-allows-all.js';
import { addYaml, kubeModel } from '../support/kube-fixtures.js';
import { runRule } from '../support/run-rule.js';

const shop = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: web:1
        ports: [{containerPort: 8080, name: http}]
        env: [{name: DB_URL, value: "postgres://db:5432/shop"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres:16, ports: [{containerPort: 5432, name: pg}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {selector: {app: db}, ports: [{port: 5432, targetPort: pg}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: ops}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: report}}
        spec:
          containers:
          - name: r
            image: r:1
            env: [{name: DB, value: "db.shop.svc.cluster.local:5432"}]
`;

const trio = `apiVersion: v1
kind: Pod
metadata: {name: app, labels: {role: app}}
spec: {containers: [{name: a, image: a:1}]}
---
apiVersion: v1
kind: Pod
metadata: {name: db, labels: {role: db}}
spec: {containers: [{name: d, image: d:1}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: jailed}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-app-mysql}
spec:
  podSelector: {matchLabels: {role: db}}
  ingress: [{from: [{podSelector: {matchLabels: {role: app}}}], ports: [{protocol: TCP, port: 3306}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: app-egress}
spec:
  podSelector: {matchLabels: {role: app}}
  egress: [{to: [{podSelector: {matchLabels: {role: db}}}], ports: [{port: 3306}]}]
`;

test('text: one line per connection and a summary', () => {
  assert.equal(runNetpolCommand(kubeModel(trio), { format: 'text', suggest: false }),
    'default/app -> default/db: TCP 3306\n1 allowed connection; 2 workloads, 0 not isolated in both directions.\n');
});

test('json: workloads with isolation, connections with port entries', () => {
  const report = JSON.parse(runNetpolCommand(kubeModel(trio), { format: 'json', suggest: false }));
  assert.deepEqual(report.workloads.map((w: { name: string; isolation: unknown }) => [w.name, w.isolation]), [
    ['app', { ingress: true, egress: true }],
    ['db', { ingress: true, egress: true }],
  ]);
  assert.deepEqual(report.connections, [{
    from: { kind: 'workload', namespace: 'default', name: 'app', workloadKind: 'Pod' },
    to: { kind: 'workload', namespace: 'default', name: 'db', workloadKind: 'Pod' },
    ports: [{ protocol: 'TCP', port: 3306 }],
  }]);
});

test('dot: namespaces as clusters, outside as its own cluster, labelled edges', () => {
  const dot = runNetpolCommand(kubeModel(shop), { format: 'dot', suggest: false });
  assert.match(dot, /^digraph netpol \{/);
  assert.match(dot, /subgraph cluster_\d+ \{\n    label="namespace shop";/);
  assert.match(dot, /subgraph cluster_\d+ \{\n    label="namespace ops";/);
  assert.match(dot, /label="outside the cluster";/);
  assert.match(dot, /"x:0\.0\.0\.0\/0" \[label="0\.0\.0\.0\/0\\naddresses", shape=ellipse\];/);
  assert.match(dot, /"w:shop\/web" -> "w:shop\/db" \[label="all ports"\];/);
  assert.equal(dot.trimEnd().endsWith('}'), true);
});

test('suggest: default deny with DNS, Service-derived allows; applied, they pass the scan and allow what is needed', () => {
  const yaml = runNetpolCommand(kubeModel(shop), { format: 'text', suggest: true });
  assert.match(yaml, /^# namespace shop has no default deny/m);
  assert.match(yaml, /^# namespace ops has no default deny/m);
  const model = kubeModel(shop);
  addYaml(model, 'suggested.yaml', yaml);
  assert.deepEqual(runRule(missingDefaultDeny, model), []);
  assert.deepEqual(runRule(workloadNotIsolated, model), []);
  assert.deepEqual(runRule(networkPolicyAllowsAll, model), []);
  const lines = connectivity(model).map((c) => `${describeEnd(c.from)} -> ${describeEnd(c.to)}: ${formatPorts(c.ports)}`).sort();
  assert.deepEqual(lines, [
    '0.0.0.0/0 -> shop/web: TCP 8080',
    '::/0 -> shop/web: TCP 8080',
    'ops/report -> pods {k8s-app=kube-dns} in namespaces {kubernetes.io/metadata.name=kube-system}: TCP 53; UDP 53',
    'ops/report -> shop/db: TCP 5432',
    'shop/db -> pods {k8s-app=kube-dns} in namespaces {kubernetes.io/metadata.name=kube-system}: TCP 53; UDP 53',
    'shop/web -> pods {k8s-app=kube-dns} in namespaces {kubernetes.io/metadata.name=kube-system}: TCP 53; UDP 53',
    'shop/web -> shop/db: TCP 5432',
  ]);
  // Nothing left to suggest once applied.
  assert.match(runNetpolCommand(model, { format: 'text', suggest: true }), /^# Nothing to suggest/);
});

test('a Service is named by its host forms, not by substrings', () => {
  const svc = { name: 'db', namespace: 'shop' };
  const cases: [string, string, boolean][] = [
    ['db', 'shop', true],
    ['postgres://db:5432/x', 'shop', true],
    ['db.shop', 'other', true],
    ['db.shop.svc.cluster.local:5432', 'other', true],
    ['db', 'other', false],
    ['mydb', 'shop', false],
    ['db-replica', 'shop', false],
    ['db.example.com', 'shop', false],
    ['http://web/db', 'shop', false],
    ['user:pw@db:5432', 'shop', true],
    ['DB=db,CACHE=redis', 'shop', true],
  ];
  for (const [value, from, want] of cases) assert.equal(namesService(value, svc, from), want, `${value} from ${from}`);
});
