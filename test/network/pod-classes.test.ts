import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podClasses } from '../../src/network/pod-classes.js';
import { classConnectivity, computeConnectivity, countConnections, describeEnd } from '../../src/network/connectivity.js';
import { connectivityJsonChunks } from '../../src/network/render-json-stream.js';
import { renderJson } from '../../src/network/render-connectivity.js';
import { formatPorts } from '../../src/network/port-set.js';
import { parseNetworkPolicy } from '../../src/network/parse-policy.js';
import type { NetworkInput, PodInfo } from '../../src/network/types.js';

const pod = (namespace: string, name: string, labels: Record<string, string>, port = 8080): PodInfo => ({ namespace, name, labels, ports: [{ name: 'http', port, protocol: 'TCP' }] });

function cluster(): NetworkInput {
  const pods: PodInfo[] = [];
  for (let i = 0; i < 40; i++) pods.push(pod('shop', `web-${i}`, { app: 'web', replica: String(i) }));
  for (let i = 0; i < 10; i++) pods.push(pod('shop', `db-${i}`, { app: 'db', role: i === 0 ? 'primary' : 'replica' }));
  pods.push(pod('shop', 'web-odd-port', { app: 'web' }, 9090));
  pods.push(pod('ops', 'web-elsewhere', { app: 'web' }));
  const policies = [
    { metadata: { name: 'db', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }] } },
    { metadata: { name: 'primary', namespace: 'shop' }, spec: { podSelector: { matchLabels: { role: 'primary' } }, policyTypes: ['Egress'], egress: [] } },
    { metadata: { name: 'web', namespace: 'shop' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] } },
  ].map((p) => parseNetworkPolicy(p));
  return { pods, policies, namespaces: [] };
}

test('pods that every selector treats alike, with the same ports, share a class', () => {
  const input = cluster();
  const { members, representatives } = podClasses(input);
  const names = members.map((m) => m.map((i) => input.pods[i]!.name));
  // 40 web replicas differ only in a label no selector reads: one class.
  assert.equal(names.find((n) => n.includes('web-0'))!.length, 40);
  // The primary db is selected by one more policy; a different named port resolves differently; another namespace is another class.
  assert.deepEqual(names.find((n) => n.includes('db-0')), ['db-0']);
  assert.equal(names.find((n) => n.includes('db-1'))!.length, 9);
  assert.deepEqual(names.find((n) => n.includes('web-odd-port')), ['web-odd-port']);
  assert.deepEqual(names.find((n) => n.includes('web-elsewhere')), ['web-elsewhere']);
  assert.equal(representatives.length, 5);
});

test('expanding the class result gives every pod-level connection, and the count matches', () => {
  const input = cluster();
  const cc = classConnectivity(input);
  const conns = computeConnectivity(input);
  assert.equal(countConnections(cc), conns.length);
  const keys = new Set(conns.map((c) => `${describeEnd(c.from)} -> ${describeEnd(c.to)}: ${formatPorts(c.ports)}`));
  assert.equal(keys.size, conns.length, 'no connection twice');
  assert.ok(keys.has('shop/web-7 -> shop/db-3: TCP 5432'));
  assert.ok(keys.has('shop/web-odd-port -> shop/web-12: TCP 8080'));
  assert.ok(keys.has('shop/web-12 -> shop/web-odd-port: TCP 9090'), 'the named port resolves against each destination');
  assert.ok(!keys.has('shop/db-0 -> shop/web-1: TCP 8080'), 'the primary has no egress');
  assert.ok(keys.has('shop/db-1 -> shop/web-1: TCP 8080'));
});

test('the streamed JSON is the same document as the whole one, connections grouped rather than sorted', () => {
  const input = cluster();
  const streamed = JSON.parse([...connectivityJsonChunks(classConnectivity(input))].join('')) as { workloads: unknown[]; connections: unknown[] };
  const whole = JSON.parse(renderJson(input, computeConnectivity(input))) as typeof streamed;
  assert.deepEqual(streamed.workloads, whole.workloads);
  const norm = (xs: unknown[]): string[] => xs.map((x) => JSON.stringify(x)).sort();
  assert.deepEqual(norm(streamed.connections), norm(whole.connections));
  const empty = JSON.parse([...connectivityJsonChunks(classConnectivity({ pods: [], policies: [], namespaces: [] }))].join(''));
  assert.deepEqual(empty, { workloads: [], connections: [] });
});
