/**
 * Property tests: on random namespaces, pods, policies and addresses, the indexed
 * connectivity and the point query agree with the naive reference evaluator.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  allowed, computeConnectivity, hasPort, ipBlockAdmits, matchesSelector, parseIp, parseNetworkPolicy,
  type Connection, type NetworkInput, type PodInfo, type Protocol,
} from '../../src/network/index.js';
import { referenceAllowed } from './reference-evaluator.js';

const NAMESPACES = ['a', 'b', 'c'];
const PORTS = [53, 80, 443, 8080, 9000];
const PROTOS: Protocol[] = ['TCP', 'UDP', 'SCTP'];
const IPS = ['10.0.0.1', '10.1.2.3', '169.254.169.254', '192.168.1.1', 'fe80::1', '2001:db8::1', '2001:db8:1::5'];
const CIDRS = ['10.0.0.0/8', '10.1.0.0/16', '0.0.0.0/0', '::/0', 'fe80::/10', '2001:db8::/32', '2001:db8:1::/48', '169.254.169.254/32'];

const labelsArb = fc.record({ app: fc.constantFrom('web', 'db'), role: fc.constantFrom('x', 'y'), tier: fc.constant('1') }, { requiredKeys: [] });
const nsLabelsArb = fc.record({ env: fc.constantFrom('x', 'y'), team: fc.constantFrom('p', 'q') }, { requiredKeys: [] });
const podPortArb = fc.constantFrom(
  { name: 'http', port: 80, protocol: 'TCP' as const },
  { name: 'http', port: 8080, protocol: 'TCP' as const },
  { name: 'dns', port: 53, protocol: 'UDP' as const },
  { port: 443, protocol: 'TCP' as const },
  { name: 'sig', port: 9000, protocol: 'SCTP' as const },
);

const keyArb = fc.constantFrom('app', 'role', 'tier', 'env', 'team', 'kubernetes.io/metadata.name');
const valueArb = fc.constantFrom('web', 'db', 'x', 'y', '1', 'p', 'q', 'a', 'b', 'zz');
const selectorArb = fc.record({
  matchLabels: fc.dictionary(keyArb, valueArb, { maxKeys: 2 }),
  matchExpressions: fc.array(fc.oneof(
    fc.record({ key: keyArb, operator: fc.constantFrom('In', 'NotIn'), values: fc.array(valueArb, { minLength: 1, maxLength: 3 }) }),
    fc.record({ key: keyArb, operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  ), { maxLength: 2 }),
}, { requiredKeys: [] });

// Namespace selectors often pin names, some of them outside the input ('zz').
const nameArb = fc.constantFrom(...NAMESPACES, 'zz');
const nsSelectorArb = fc.oneof(
  selectorArb,
  nameArb.map((n) => ({ matchLabels: { 'kubernetes.io/metadata.name': n } })),
  fc.array(nameArb, { minLength: 1, maxLength: 2 }).map((values) => ({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values }] })),
);
const peerArb = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: nsSelectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: nsSelectorArb }),
  fc.record({ ipBlock: fc.record({ cidr: fc.constantFrom(...CIDRS), except: fc.subarray(CIDRS, { maxLength: 2 }) }) }),
);
const portArb = fc.record({
  protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
  port: fc.oneof(fc.constantFrom(...PORTS), fc.constantFrom('http', 'dns', 'sig')),
}, { requiredKeys: [] }).chain((p) => typeof p.port === 'number'
  ? fc.option(fc.constantFrom(100, 8080, 9000), { nil: undefined }).map((end) => (end !== undefined && end >= (p.port as number) ? { ...p, endPort: end } : p))
  : fc.constant(p));
const ruleArb = (peersKey: 'from' | 'to') => fc.record({
  [peersKey]: fc.array(peerArb, { maxLength: 3 }),
  ports: fc.array(portArb, { maxLength: 3 }),
}, { requiredKeys: [] });
const policyArb = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  podSelector: selectorArb,
  policyTypes: fc.option(fc.subarray(['Ingress', 'Egress']), { nil: undefined }),
  ingress: fc.option(fc.array(ruleArb('from'), { maxLength: 3 }), { nil: undefined }),
  egress: fc.option(fc.array(ruleArb('to'), { maxLength: 3 }), { nil: undefined }),
});

const inputArb = fc.record({
  namespaces: fc.array(fc.record({ name: fc.constantFrom(...NAMESPACES), labels: nsLabelsArb }), { maxLength: 3 }),
  pods: fc.array(fc.record({ namespace: fc.constantFrom(...NAMESPACES), labels: labelsArb, ports: fc.array(podPortArb, { maxLength: 3 }) }), { minLength: 1, maxLength: 6 }),
  policies: fc.array(policyArb, { maxLength: 5 }),
}).map(({ namespaces, pods, policies }): NetworkInput => ({
  // One Namespace object per name, as a cluster has.
  namespaces: namespaces.filter((n, i) => namespaces.findIndex((m) => m.name === n.name) === i),
  pods: pods.map((p, i) => ({ ...p, name: `p${i}` })),
  policies: policies.map(({ ns, ...spec }, i) => {
    const clean = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
    return parseNetworkPolicy({ metadata: { name: `np${i}`, namespace: ns }, spec: clean });
  }),
}));

/** A pod of a namespace outside the input, to probe the "pods beyond" ends. */
const phantom: PodInfo = { namespace: 'zz', name: 'phantom', labels: { app: 'web' }, ports: [] };

function pairPorts(cs: Connection[], from: string, to: string) {
  return cs.filter((c) => c.from.kind === 'workload' && c.from.name === from && c.to.kind === 'workload' && c.to.name === to);
}

test('connectivity and allowed agree with the reference evaluator', () => {
  fc.assert(fc.property(inputArb, (input) => {
    const cs = computeConnectivity(input);
    for (const s of input.pods) {
      for (const d of input.pods) {
        const pair = pairPorts(cs, s.name, d.name);
        assert.ok(pair.length <= 1, 'one connection per pair');
        for (const port of PORTS) for (const proto of PROTOS) {
          const want = referenceAllowed(input, s, d, port, proto);
          assert.equal(allowed(input, s, d, port, proto), want, `allowed ${s.name}→${d.name} ${proto}/${port}`);
          assert.equal(pair.length === 1 && hasPort(pair[0]!.ports, proto, port), want, `connectivity ${s.name}→${d.name} ${proto}/${port}`);
        }
      }
    }
    for (const p of input.pods) {
      for (const ipText of IPS) {
        const ip = parseIp(ipText)!;
        for (const port of PORTS) for (const proto of PROTOS) {
          const inWant = referenceAllowed(input, { ip: ipText }, p, port, proto);
          const outWant = referenceAllowed(input, p, { ip: ipText }, port, proto);
          assert.equal(allowed(input, { ip: ipText }, p, port, proto), inWant);
          assert.equal(allowed(input, p, { ip: ipText }, port, proto), outWant);
          const inGot = cs.some((c) => c.to.kind === 'workload' && c.to.name === p.name && c.from.kind === 'external' && ipBlockAdmits(c.from, ip) && hasPort(c.ports, proto, port));
          const outGot = cs.some((c) => c.from.kind === 'workload' && c.from.name === p.name && c.to.kind === 'external' && ipBlockAdmits(c.to, ip) && hasPort(c.ports, proto, port));
          assert.equal(inGot, inWant, `${ipText} → ${p.name} ${proto}/${port}`);
          assert.equal(outGot, outWant, `${p.name} → ${ipText} ${proto}/${port}`);
        }
      }
      // Pods of a namespace nobody scanned: only the scanned pod's side decides.
      const zz = { 'kubernetes.io/metadata.name': 'zz' };
      const admitsPhantom = (e: Connection['from']) => e.kind === 'pods' && matchesSelector(e.namespaceSelector, zz) && (!e.podSelector || matchesSelector(e.podSelector, phantom.labels));
      for (const port of PORTS) for (const proto of PROTOS) {
        const inWant = referenceAllowed(input, phantom, p, port, proto);
        const outWant = referenceAllowed(input, p, phantom, port, proto);
        const inGot = cs.some((c) => c.to.kind === 'workload' && c.to.name === p.name && admitsPhantom(c.from) && hasPort(c.ports, proto, port));
        const outGot = cs.some((c) => c.from.kind === 'workload' && c.from.name === p.name && admitsPhantom(c.to) && hasPort(c.ports, proto, port));
        assert.equal(inGot, inWant, `phantom → ${p.name} ${proto}/${port}`);
        assert.equal(outGot, outWant, `${p.name} → phantom ${proto}/${port}`);
      }
    }
  }), { numRuns: 400 });
});
