/**
 * A direct, deliberately naive reading of the NetworkPolicy rules for one packet:
 * every policy, every rule, every peer, no index and no shared code with the
 * analysis except CIDR parsing. Property tests compare the analysis against it.
 */
import { ipBlockAdmits, parseIp } from '../../src/network/cidr.js';
import type { Endpoint, LabelSelector, NetPolicy, NetworkInput, PodInfo, PolicyPeer, PolicyRule, Protocol } from '../../src/network/types.js';

function selects(sel: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = k(labels, e.key);
    const v = labels[e.key];
    const ok = e.operator === 'In' ? has && (e.values ?? []).includes(v!)
      : e.operator === 'NotIn' ? !has || !(e.values ?? []).includes(v!)
      : e.operator === 'Exists' ? has
      : e.operator === 'DoesNotExist' ? !has : false;
    if (!ok) return false;
  }
  return true;
}
const k = (o: object, key: string): boolean => Object.keys(o).includes(key);

function nsLabels(input: NetworkInput, ns: string): Record<string, string> {
  const declared = input.namespaces.find((n) => n.name === ns);
  return { ...(declared?.labels ?? {}), 'kubernetes.io/metadata.name': ns };
}

function peerOk(input: NetworkInput, policy: NetPolicy, peer: PolicyPeer, ep: Endpoint): boolean {
  if ('ip' in ep) return peer.ipBlock !== undefined && ipBlockAdmits(peer.ipBlock, parseIp(ep.ip)!);
  if (peer.ipBlock) return false;
  if (peer.namespaceSelector) {
    return selects(peer.namespaceSelector, nsLabels(input, ep.namespace)) && (peer.podSelector === undefined || selects(peer.podSelector, ep.labels));
  }
  if (peer.podSelector) return ep.namespace === policy.namespace && selects(peer.podSelector, ep.labels);
  return false;
}

function portOk(rule: PolicyRule, port: number, proto: Protocol, dest: PodInfo | undefined): boolean {
  if (rule.ports === undefined || rule.ports.length === 0) return true;
  for (const p of rule.ports) {
    if (p.protocol !== proto) continue;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') {
      const end = p.endPort ?? p.port;
      if (port >= p.port && port <= end) return true;
    } else if (dest) {
      for (const c of dest.ports) if (c.name === p.port && c.protocol === proto && c.port === port) return true;
    }
  }
  return false;
}

function direction(input: NetworkInput, pod: PodInfo, dir: 'ingress' | 'egress', peer: Endpoint, port: number, proto: Protocol, dest: PodInfo | undefined): boolean {
  let isolated = false;
  let ok = false;
  for (const policy of input.policies) {
    if (policy.namespace !== pod.namespace || !selects(policy.podSelector, pod.labels)) continue;
    if (!(dir === 'ingress' ? policy.ingressType : policy.egressType)) continue;
    isolated = true;
    for (const rule of dir === 'ingress' ? policy.ingress : policy.egress) {
      const peers = rule.peers ?? [];
      const peerMatch = peers.length === 0 || peers.some((p) => peerOk(input, policy, p, peer));
      if (peerMatch && portOk(rule, port, proto, dest)) ok = true;
    }
  }
  return !isolated || ok;
}

/** Whether Kubernetes lets one packet through. */
export function referenceAllowed(input: NetworkInput, from: Endpoint, to: Endpoint, port: number, proto: Protocol): boolean {
  const dest = 'ip' in to ? undefined : to;
  if (!('ip' in from) && !direction(input, from, 'egress', to, port, proto, dest)) return false;
  if (dest && !direction(input, dest, 'ingress', from, port, proto, dest)) return false;
  return true;
}
