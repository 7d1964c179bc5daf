/**
 * np-guard parity: the documented outputs of np-guard's netpol-analyzer
 * (docs/connlist_output.md and its exposure test outputs), reproduced from the
 * same manifests. Only what np-guard prints for NetworkPolicies is compared
 * (its Ingress/Route `{ingress-controller}` lines are outside seaworthy's scope).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runNetpolCommand } from '../../src/cli/netpol-command.js';
import { connString } from '../../src/network/render-np-guard.js';
import { allPorts, addRange, emptyPorts } from '../../src/network/port-set.js';
import { kubeModel } from '../support/kube-fixtures.js';

const deployment = (ns: string, name: string, labels = `app: ${name}`, ports = '[{containerPort: 8000}]') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    metadata: {labels: {${labels}}}
    spec: {containers: [{name: c, image: quay.io/shfa/hello-world:latest, ports: ${ports}}]}
`;

const demo = kubeModel([deployment('helloworld', 'hello-world'), deployment('ingressworld', 'ingress-world'), deployment('routeworld', 'route-world')].join('---\n'));

const EXPECTED = [
  ['0.0.0.0-255.255.255.255[External]', 'helloworld/hello-world[Deployment]', 'All Connections'],
  ['0.0.0.0-255.255.255.255[External]', 'ingressworld/ingress-world[Deployment]', 'All Connections'],
  ['0.0.0.0-255.255.255.255[External]', 'routeworld/route-world[Deployment]', 'All Connections'],
  ['helloworld/hello-world[Deployment]', '0.0.0.0-255.255.255.255[External]', 'All Connections'],
  ['helloworld/hello-world[Deployment]', 'ingressworld/ingress-world[Deployment]', 'All Connections'],
  ['helloworld/hello-world[Deployment]', 'routeworld/route-world[Deployment]', 'All Connections'],
  ['ingressworld/ingress-world[Deployment]', '0.0.0.0-255.255.255.255[External]', 'All Connections'],
  ['ingressworld/ingress-world[Deployment]', 'helloworld/hello-world[Deployment]', 'All Connections'],
  ['ingressworld/ingress-world[Deployment]', 'routeworld/route-world[Deployment]', 'All Connections'],
  ['routeworld/route-world[Deployment]', '0.0.0.0-255.255.255.255[External]', 'All Connections'],
  ['routeworld/route-world[Deployment]', 'helloworld/hello-world[Deployment]', 'All Connections'],
  ['routeworld/route-world[Deployment]', 'ingressworld/ingress-world[Deployment]', 'All Connections'],
];

test('txt, md and csv are np-guard\'s connlist forms, line for line', () => {
  assert.equal(runNetpolCommand(demo, { format: 'txt', suggest: false }), EXPECTED.map(([s, d, c]) => `${s} => ${d} : ${c}\n`).join(''));
  assert.equal(runNetpolCommand(demo, { format: 'md', suggest: false }), ['| src | dst | conn |', '|-----|-----|------|', ...EXPECTED.map(([s, d, c]) => `| ${s} | ${d} | ${c} |`)].join('\n') + '\n');
  assert.equal(runNetpolCommand(demo, { format: 'csv', suggest: false }), ['src,dst,conn', ...EXPECTED.map((r) => r.join(','))].join('\n') + '\n');
});

test('exposure: entire-cluster and representative peers, as np-guard prints them', () => {
  const model = kubeModel(`${deployment('hello-world', 'workload-a', 'app: a-app', '[{containerPort: 8000}, {containerPort: 8050}, {containerPort: 8090}]')}---
kind: NetworkPolicy
apiVersion: networking.k8s.io/v1
metadata: {name: allow-ingress-and-egress-in-entire-cluster, namespace: hello-world}
spec:
  podSelector: {matchLabels: {app: a-app}}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 8050, protocol: TCP}]}]
  egress: [{to: [{namespaceSelector: {}}]}]
`);
  assert.equal(runNetpolCommand(model, { format: 'txt', suggest: false, exposure: true }), [
    'Exposure Analysis Result:',
    'Egress Exposure:',
    'hello-world/workload-a[Deployment] \t=> \tentire-cluster : All Connections',
    '',
    'Ingress Exposure:',
    'hello-world/workload-a[Deployment] \t<= \tentire-cluster : TCP 8050',
    '',
  ].join('\n'));
});

test('exposure with selectors, addresses and unprotected workloads, padded to the longest name', () => {
  const model = kubeModel(`${deployment('default', 'checkoutservice', 'app: checkout')}---
${deployment('default', 'redis-cart', 'app: redis')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: checkout, namespace: default}
spec:
  podSelector: {matchLabels: {app: checkout}}
  policyTypes: [Ingress, Egress]
  egress:
  - to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
    ports: [{port: 53, protocol: UDP}]
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
    ports: [{port: 443}]
`);
  const out = runNetpolCommand(model, { format: 'md', suggest: false, exposure: true });
  const lines = out.split('\n');
  assert.ok(lines.includes('| default/checkoutservice[Deployment] | [all namespaces]/[pod with {k8s-app=kube-dns}] | UDP 53 |'), out);
  // The ipBlock minus its except: two ranges, one line each, in the connlist and the exposure.
  assert.equal(lines.filter((l) => l === '| default/checkoutservice[Deployment] | 10.0.0.0-10.0.255.255[External] | TCP 443 |').length, 2, out);
  assert.equal(lines.filter((l) => l === '| default/checkoutservice[Deployment] | 10.2.0.0-10.255.255.255[External] | TCP 443 |').length, 2, out);
  assert.ok(lines.includes('| default/redis-cart[Deployment] | entire-cluster | All Connections |'));
  assert.ok(lines.includes('### Ingress Exposure:') && lines.includes('| dst | src | conn |'));
  const txt = runNetpolCommand(model, { format: 'txt', suggest: false, exposure: true });
  assert.match(txt, /^default\/redis-cart\[Deployment\]      \t=> \tentire-cluster : All Connections$/m, 'padded to default/checkoutservice[Deployment]');
  assert.match(txt, /\nWorkloads not protected by network policies:\ndefault\/redis-cart\[Deployment\] is not protected on Egress\ndefault\/redis-cart\[Deployment\] is not protected on Ingress\n$/);
  assert.doesNotMatch(txt, /checkoutservice\[Deployment\] is not protected/, 'its policy isolates both directions');
  assert.doesNotMatch(txt, /=> default\/checkoutservice/, 'nothing reaches it: its ingress admits no one');
});

test('connection strings: protocols sorted, ranges joined by commas', () => {
  assert.equal(connString(allPorts()), 'All Connections');
  const p = emptyPorts();
  addRange(p, 'UDP', 53, 53);
  addRange(p, 'TCP', 8080, 8090);
  addRange(p, 'TCP', 80, 80);
  assert.equal(connString(p), 'TCP 80,8080-8090,UDP 53');
  assert.equal(connString(emptyPorts()), 'No Connections');
});
