/**
 * One table per point of networking.k8s.io/v1 NetworkPolicy semantics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowed, isolation, matchesSelector, parseNetworkPolicy, type NetworkInput, type PodInfo, type Protocol, type LabelSelector } from '../../src/network/index.js';

const pod = (namespace: string, name: string, labels: Record<string, string> = {}, ports: PodInfo['ports'] = []): PodInfo => ({ namespace, name, labels, ports });
const policy = (namespace: string, spec: Record<string, unknown>, name = 'p') => parseNetworkPolicy({ metadata: { name, namespace }, spec });
const net = (policies: Record<string, unknown>[], pods: PodInfo[], namespaces: NetworkInput['namespaces'] = []): NetworkInput => ({
  policies: policies.map((s, i) => policy(String(s['ns'] ?? 'default'), s, `p${i}`)),
  pods,
  namespaces,
});

test('label selectors: matchLabels and every matchExpressions operator', () => {
  const labels = { app: 'web', tier: 'front' };
  const cases: [LabelSelector, boolean][] = [
    [{}, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'web', tier: 'back' } }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] }, false],
    [{ matchExpressions: [{ key: 'missing', operator: 'In', values: [''] }] }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    [{ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['x'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'missing', operator: 'Exists' }] }, false],
    [{ matchExpressions: [{ key: 'missing', operator: 'DoesNotExist' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, false],
  ];
  for (const [selector, want] of cases) assert.equal(matchesSelector(selector, labels), want, JSON.stringify(selector));
});

test('empty podSelector selects every pod of its namespace only', () => {
  const a = pod('a', 'x', { app: 'x' });
  const b = pod('b', 'y');
  const input = net([{ ns: 'a', podSelector: {} }], [a, b]);
  assert.deepEqual(isolation(input, a), { ingress: true, egress: false });
  assert.deepEqual(isolation(input, b), { ingress: false, egress: false });
  // A missing podSelector is the empty one.
  assert.deepEqual(isolation(net([{ ns: 'a' }], [a]), a), { ingress: true, egress: false });
});

test('policyTypes defaulting', () => {
  const p = pod('default', 'p');
  const cases: [Record<string, unknown>, { ingress: boolean; egress: boolean }][] = [
    [{ podSelector: {} }, { ingress: true, egress: false }],
    [{ podSelector: {}, ingress: [{}] }, { ingress: true, egress: false }],
    [{ podSelector: {}, egress: [{}] }, { ingress: true, egress: true }],
    [{ podSelector: {}, egress: [] }, { ingress: true, egress: false }],
    [{ podSelector: {}, policyTypes: ['Egress'] }, { ingress: false, egress: true }],
    [{ podSelector: {}, policyTypes: ['Egress'], ingress: [{}] }, { ingress: false, egress: true }],
    [{ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }, { ingress: true, egress: true }],
  ];
  for (const [spec, want] of cases) assert.deepEqual(isolation(net([spec], [p]), p), want, JSON.stringify(spec));
});

test('empty versus missing from, to and ports', () => {
  const src = pod('default', 'src', { role: 'client' });
  const dst = pod('default', 'dst', { role: 'server' });
  const sel = { matchLabels: { role: 'server' } };
  const cases: [Record<string, unknown>, number, Protocol, boolean][] = [
    [{ podSelector: sel, ingress: [] }, 80, 'TCP', false],
    [{ podSelector: sel, policyTypes: ['Ingress'] }, 80, 'TCP', false],
    [{ podSelector: sel, ingress: [{}] }, 80, 'TCP', true],
    [{ podSelector: sel, ingress: [{ from: [] }] }, 80, 'UDP', true],
    [{ podSelector: sel, ingress: [{ ports: [] }] }, 9999, 'SCTP', true],
    [{ podSelector: sel, ingress: [{ from: [], ports: [{ port: 80 }] }] }, 80, 'TCP', true],
    [{ podSelector: sel, ingress: [{ from: [], ports: [{ port: 80 }] }] }, 81, 'TCP', false],
    [{ podSelector: sel, ingress: [{ ports: [{ protocol: 'UDP' }] }] }, 1234, 'UDP', true],
    [{ podSelector: sel, ingress: [{ ports: [{ protocol: 'UDP' }] }] }, 1234, 'TCP', false],
    [{ podSelector: sel, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'other' } } }] }] }, 80, 'TCP', false],
  ];
  for (const [spec, port, proto, want] of cases) assert.equal(allowed(net([spec], [src, dst]), src, dst, port, proto), want, JSON.stringify(spec));
  // Egress mirrors it: `to: []` is every destination, `egress: []` with the type is none.
  assert.equal(allowed(net([{ podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [] }] }], [src, dst]), src, { ip: '1.1.1.1' }, 5), true);
  assert.equal(allowed(net([{ podSelector: {}, policyTypes: ['Egress'], egress: [] }], [src, dst]), src, { ip: '1.1.1.1' }, 5), false);
});

test('namespaceSelector reads Namespace labels and the automatic name label; with podSelector it is AND, as two peers OR', () => {
  const dst = pod('prod', 'db', { app: 'db' });
  const inTeam = pod('team-a', 'api', { app: 'api' });
  const inTeamOther = pod('team-a', 'cron', { app: 'cron' });
  const undeclared = pod('scratch', 'api', { app: 'api' });
  const namespaces = [{ name: 'team-a', labels: { team: 'a' } }];
  const andPeer = { ns: 'prod', podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } }, podSelector: { matchLabels: { app: 'api' } } }] }] };
  const orPeers = { ns: 'prod', podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'a' } } }, { podSelector: { matchLabels: { app: 'api' } } }] }] };
  const byName = { ns: 'prod', podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'scratch' } } }] }] };
  const anyNs = { ns: 'prod', podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] };
  const pods = [dst, inTeam, inTeamOther, undeclared];
  const cases: [Record<string, unknown>, PodInfo, boolean][] = [
    [andPeer, inTeam, true],
    [andPeer, inTeamOther, false],
    [andPeer, undeclared, false],
    [orPeers, inTeamOther, true],
    // podSelector alone means the policy's own namespace.
    [orPeers, undeclared, false],
    [byName, undeclared, true],
    [byName, inTeam, false],
    [anyNs, undeclared, true],
  ];
  for (const [spec, src, want] of cases) assert.equal(allowed(net([spec], pods, namespaces), src, dst, 80), want, `${JSON.stringify(spec)} from ${src.namespace}/${src.name}`);
});

test('the union of every policy that selects a pod', () => {
  const a = pod('default', 'a', { app: 'a' });
  const b = pod('default', 'b', { app: 'b', tier: 'x' });
  const input = net([
    { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ ports: [{ port: 80 }] }] },
    { podSelector: { matchLabels: { tier: 'x' } }, ingress: [{ ports: [{ port: 443 }] }] },
    { podSelector: { matchLabels: { tier: 'y' } }, ingress: [{ ports: [{ port: 22 }] }] },
  ], [a, b]);
  assert.equal(allowed(input, a, b, 80), true);
  assert.equal(allowed(input, a, b, 443), true);
  assert.equal(allowed(input, a, b, 22), false);
});

test('ipBlock with except, IPv4 and IPv6; ipBlocks never match pods', () => {
  const p = pod('default', 'p');
  const other = pod('default', 'o');
  const input = net([{
    podSelector: {},
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }, { ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }] }],
    egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
  }], [p, other]);
  const cases: [string, boolean][] = [['10.2.3.4', true], ['10.1.3.4', false], ['11.0.0.1', false], ['2001:db8::7', true], ['2001:db8:1::7', false], ['::1', false]];
  for (const [ip, want] of cases) assert.equal(allowed(input, { ip }, p, 80), want, ip);
  assert.equal(allowed(input, p, { ip: '169.254.169.254' }, 80), false);
  assert.equal(allowed(input, p, { ip: '169.254.169.253' }, 80), true);
  assert.equal(allowed(input, p, { ip: '2001:db8::1' }, 80), false, 'an IPv4 block admits no IPv6 address');
  assert.equal(allowed(input, other, p, 80), false);
});

test('ports: numbers, endPort ranges, named ports, protocols with TCP by default', () => {
  const src = pod('default', 'src');
  const web = pod('default', 'web', { app: 'web' }, [
    { name: 'http', port: 8080, protocol: 'TCP' },
    { name: 'dns', port: 5353, protocol: 'UDP' },
    { name: 'sig', port: 2905, protocol: 'SCTP' },
  ]);
  const spec = (ports: unknown[]) => ({ podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports }] });
  const cases: [unknown[], number, Protocol, boolean][] = [
    [[{ port: 80 }], 80, 'TCP', true],
    [[{ port: 80 }], 80, 'UDP', false],
    [[{ port: 80, protocol: 'UDP' }], 80, 'UDP', true],
    [[{ port: 32000, endPort: 32768 }], 32000, 'TCP', true],
    [[{ port: 32000, endPort: 32768 }], 32768, 'TCP', true],
    [[{ port: 32000, endPort: 32768 }], 32769, 'TCP', false],
    [[{ port: 32000, endPort: 32768 }], 31999, 'TCP', false],
    [[{ port: 'http' }], 8080, 'TCP', true],
    [[{ port: 'http' }], 80, 'TCP', false],
    [[{ port: 'http', protocol: 'UDP' }], 8080, 'UDP', false],
    [[{ port: 'dns', protocol: 'UDP' }], 5353, 'UDP', true],
    [[{ port: 'dns' }], 5353, 'TCP', false],
    [[{ port: 'sig', protocol: 'SCTP' }], 2905, 'SCTP', true],
    [[{ protocol: 'SCTP' }], 1, 'SCTP', true],
    [[{ port: 'nope' }], 8080, 'TCP', false],
    [[{ port: 80, protocol: 'ICMP' }], 80, 'TCP', false],
  ];
  for (const [ports, port, proto, want] of cases) assert.equal(allowed(net([spec(ports)], [src, web]), src, web, port, proto), want, `${JSON.stringify(ports)} ${proto} ${port}`);
  // Egress named ports resolve against the destination pod.
  const egress = net([{ podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] }], [src, web]);
  assert.equal(allowed(egress, src, web, 8080), true);
  assert.equal(allowed(egress, src, { ip: '1.2.3.4' }, 8080), false, 'an address has no named ports');
});
