/**
 * Point queries with NetworkPolicy semantics: is a pod isolated, and is one packet
 * (source, destination, port, protocol) allowed. Traffic passes when the source's
 * egress and the destination's ingress both allow it; a direction no policy
 * isolates allows everything; isolated directions allow the union of the rules of
 * every policy that selects the pod.
 */
import { ipBlockAdmits, parseIp, type IpAddress } from './cidr.js';
import { matchesSelector } from './label-selector.js';
import { indexNetwork, namespaceLabels, policiesSelecting, type NetworkIndex } from './network-index.js';
import { isIpEndpoint, PROTOCOLS, type Endpoint, type NetPolicy, type NetworkInput, type PodInfo, type PolicyPeer, type PolicyPort, type PolicyRule, type Protocol } from './types.js';

export interface Isolation {
  ingress: boolean;
  egress: boolean;
}

/**
 * Whether any policy selects the pod for ingress, and for egress.
 *
 * @example
 * isolation(input, pod); // { ingress: true, egress: false }
 */
export function isolation(net: NetworkInput | NetworkIndex, pod: PodInfo): Isolation {
  const policies = policiesSelecting(toIndex(net), pod);
  return { ingress: policies.some((p) => p.ingressType), egress: policies.some((p) => p.egressType) };
}

/**
 * True when traffic from `from` to `to` on `port`/`protocol` is allowed by both the
 * source's egress and the destination's ingress. An IP endpoint has no policies.
 *
 * @example
 * allowed(input, web, { ip: '169.254.169.254' }, 80); // egress to the metadata API?
 */
export function allowed(net: NetworkInput | NetworkIndex, from: Endpoint, to: Endpoint, port: number, protocol: Protocol = 'TCP'): boolean {
  const index = toIndex(net);
  const dest = isIpEndpoint(to) ? undefined : to;
  const pkt: Packet = { port, protocol, dest };
  if (!isIpEndpoint(from) && !sideAllows(index, from, 'egress', to, pkt)) return false;
  if (dest && !sideAllows(index, dest, 'ingress', from, pkt)) return false;
  return true;
}

/** Where an allowed packet was admitted: the policy and the index of its rule. */
export interface Admission {
  policy: NetPolicy;
  direction: 'ingress' | 'egress';
  ruleIndex: number;
  /** Index of the peer (`from`/`to` item) that matched; undefined when the rule admits every peer. */
  peerIndex?: number;
}

/**
 * The rules of `pod`'s policies that admit `peer` in `direction` on some port and
 * protocol, or `undefined` when the direction is not isolated (everything passes).
 */
export function admissions(net: NetworkInput | NetworkIndex, pod: PodInfo, direction: 'ingress' | 'egress', peer: Endpoint): Admission[] | undefined {
  const index = toIndex(net);
  const policies = policiesSelecting(index, pod).filter((p) => (direction === 'ingress' ? p.ingressType : p.egressType));
  if (policies.length === 0) return undefined;
  const out: Admission[] = [];
  for (const policy of policies) {
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    rules.forEach((rule, ruleIndex) => {
      if (!rule.peers?.length) { out.push({ policy, direction, ruleIndex }); return; }
      const peerIndex = rule.peers.findIndex((p) => peerMatches(index, p, policy.namespace, peer));
      if (peerIndex >= 0) out.push({ policy, direction, ruleIndex, peerIndex });
    });
  }
  return out;
}

interface Packet {
  port: number;
  protocol: Protocol;
  /** The destination pod, against whose container ports named ports resolve. */
  dest: PodInfo | undefined;
}

function sideAllows(index: NetworkIndex, pod: PodInfo, direction: 'ingress' | 'egress', peer: Endpoint, pkt: Packet): boolean {
  let isolated = false;
  for (const policy of policiesSelecting(index, pod)) {
    if (!(direction === 'ingress' ? policy.ingressType : policy.egressType)) continue;
    isolated = true;
    const rules = direction === 'ingress' ? policy.ingress : policy.egress;
    if (rules.some((r) => ruleAdmits(index, r, policy.namespace, peer, pkt))) return true;
  }
  return !isolated;
}

function ruleAdmits(index: NetworkIndex, rule: PolicyRule, policyNamespace: string, peer: Endpoint, pkt: Packet): boolean {
  if (rule.ports?.length && !rule.ports.some((p) => portMatches(p, pkt))) return false;
  if (!rule.peers?.length) return true;
  return rule.peers.some((p) => peerMatches(index, p, policyNamespace, peer));
}

/** True when one `ports` item covers the packet. */
export function portMatches(spec: PolicyPort, pkt: { port: number; protocol: Protocol; dest?: PodInfo | undefined }): boolean {
  if (spec.protocol !== pkt.protocol) return false;
  if (spec.port === undefined) return true;
  if (typeof spec.port === 'number') return spec.endPort !== undefined ? spec.port <= pkt.port && pkt.port <= spec.endPort : spec.port === pkt.port;
  // A named port means the destination pod's container port of that name and protocol.
  return pkt.dest !== undefined && pkt.dest.ports.some((p) => p.name === spec.port && p.protocol === spec.protocol && p.port === pkt.port);
}

/**
 * True when a `from`/`to` item matches an endpoint. `ipBlock` matches addresses
 * only: pods carry no IP in manifests, and Kubernetes leaves ipBlock-vs-pod-IP
 * behaviour to the network plugin.
 */
export function peerMatches(index: NetworkIndex, peer: PolicyPeer, policyNamespace: string, endpoint: Endpoint): boolean {
  if (isIpEndpoint(endpoint)) {
    const ip = parseIp(endpoint.ip);
    return ip !== undefined && peer.ipBlock !== undefined && ipBlockAdmits(peer.ipBlock, ip);
  }
  return peerMatchesPod(peer, policyNamespace, endpoint, namespaceLabels(index, endpoint.namespace));
}

/** Pod side of `peerMatches`, given the pod's namespace labels. */
export function peerMatchesPod(peer: PolicyPeer, policyNamespace: string, pod: PodInfo, podNamespaceLabels: Record<string, string>): boolean {
  if (peer.ipBlock) return false;
  if (peer.namespaceSelector) {
    if (!matchesSelector(peer.namespaceSelector, podNamespaceLabels)) return false;
    return !peer.podSelector || matchesSelector(peer.podSelector, pod.labels);
  }
  if (peer.podSelector) return pod.namespace === policyNamespace && matchesSelector(peer.podSelector, pod.labels);
  // An empty peer is rejected by the API server; it matches nothing here.
  return false;
}

/** True when an `ipBlock` peer admits the address. */
export function peerAdmitsIp(peer: PolicyPeer, ip: IpAddress): boolean {
  return peer.ipBlock !== undefined && ipBlockAdmits(peer.ipBlock, ip);
}

export function isProtocol(p: string): p is Protocol {
  return (PROTOCOLS as readonly string[]).includes(p);
}

function toIndex(net: NetworkInput | NetworkIndex): NetworkIndex {
  return 'policiesByNamespace' in net ? net : indexNetwork(net);
}
