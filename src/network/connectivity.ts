/**
 * Every allowed connection between the scanned workloads, and between them and
 * what lies outside: addresses (ipBlocks, `0.0.0.0/0`, `::/0`) and pods of
 * namespaces not in the scanned set. The scanned namespaces are taken as complete:
 * a selector reaches beyond them only through a `namespaceSelector` that is not
 * pinned to scanned namespaces by name.
 *
 * Cost: each policy's podSelector and each peer's selectors are evaluated once
 * against the pods of the namespaces they can reach (at most policies × workloads
 * label matches); pairs are then enumerated from what the rules admit, so the work
 * beyond that is proportional to the connections found.
 */
import { isEmptySelector, formatSelector } from './label-selector.js';
import { matchesSelector } from './label-selector.js';
import { indexNetwork, type NetworkIndex } from './network-index.js';
import { addAll, allPorts, emptyPorts, intersectPorts, isAllPorts, isEmptyPorts, type PortSet } from './port-set.js';
import { hasNamedPorts, resolvePorts } from './resolve-ports.js';
import { NAMESPACE_NAME_LABEL, type LabelSelector, type NetPolicy, type NetworkInput, type PodInfo, type PolicyPeer, type PolicyRule } from './types.js';

/** One end of a connection. */
export type ConnectionEnd =
  | { kind: 'workload'; namespace: string; name: string; workloadKind?: string }
  /** Addresses outside the cluster. */
  | { kind: 'external'; cidr: string; except: string[] }
  /** Pods in namespaces outside the scanned set that a selector admits. */
  | { kind: 'pods'; namespaceSelector: LabelSelector; podSelector?: LabelSelector; label: string };

/** Traffic allowed from `from` to `to` on `ports`. */
export interface Connection {
  from: ConnectionEnd;
  to: ConnectionEnd;
  ports: PortSet;
}

const IPV4_ALL: ConnectionEnd = { kind: 'external', cidr: '0.0.0.0/0', except: [] };
const IPV6_ALL: ConnectionEnd = { kind: 'external', cidr: '::/0', except: [] };
const OTHER_PODS: ConnectionEnd = { kind: 'pods', namespaceSelector: {}, label: 'pods in namespaces outside the scanned set' };

/** What one direction of one pod admits. */
interface Side {
  isolated: boolean;
  /** Rules that admit every peer. */
  anyPeerRules: PolicyRule[];
  /** Scanned pods admitted, by index, with ports already resolved against the destination. */
  pods: Map<number, PortSet>;
  /** Addresses and unscanned pods admitted, merged by end. */
  outside: Map<string, { end: ConnectionEnd; ports: PortSet }>;
}

/**
 * Lists the allowed connections.
 *
 * @example
 * for (const c of computeConnectivity(input)) console.log(describeEnd(c.from), '→', describeEnd(c.to));
 */
export function computeConnectivity(input: NetworkInput): Connection[] {
  const index = indexNetwork(input);
  const pods = input.pods;
  const podIndex = new Map<PodInfo, number>(pods.map((p, i) => [p, i]));
  const ingress: Side[] = pods.map(newSide);
  const egress: Side[] = pods.map(newSide);
  // Reverse of egress.pods: for each destination, the isolated sources whose rules name it.
  const egressTo: number[][] = pods.map(() => []);

  for (const policy of input.policies) {
    const selected = (index.podsByNamespace.get(policy.namespace) ?? []).filter((p) => matchesSelector(policy.podSelector, p.labels));
    if (selected.length === 0) continue;
    if (policy.ingressType) applyRules(index, policy, policy.ingress, selected, 'ingress');
    if (policy.egressType) applyRules(index, policy, policy.egress, selected, 'egress');
  }

  function applyRules(index: NetworkIndex, policy: NetPolicy, rules: PolicyRule[], selected: PodInfo[], direction: 'ingress' | 'egress'): void {
    const sides = direction === 'ingress' ? ingress : egress;
    for (const pod of selected) sides[podIndex.get(pod)!]!.isolated = true;
    for (const rule of rules) {
      if (!rule.peers?.length) {
        for (const pod of selected) sides[podIndex.get(pod)!]!.anyPeerRules.push(rule);
        continue;
      }
      for (const peer of rule.peers) {
        const matched = matchPeerPods(index, peer, policy.namespace);
        const beyond = peer.ipBlock ? externalEnd(peer) : reachesBeyond(index, peer) ? podsEnd(peer) : undefined;
        for (const pod of selected) {
          const i = podIndex.get(pod)!;
          const side = sides[i]!;
          if (direction === 'ingress') {
            const ports = resolvePorts(rule.ports, pod);
            if (isEmptyPorts(ports)) continue;
            for (const src of matched) mergeInto(side.pods, podIndex.get(src)!, ports);
            if (beyond) mergeOutside(side, beyond, ports);
          } else {
            for (const dst of matched) {
              const j = podIndex.get(dst)!;
              const ports = resolvePorts(rule.ports, dst);
              if (isEmptyPorts(ports)) continue;
              if (!side.pods.has(j)) egressTo[j]!.push(i);
              mergeInto(side.pods, j, ports);
            }
            if (beyond) mergeOutside(side, beyond, resolvePorts(rule.ports, undefined, beyond.kind === 'pods'));
          }
        }
      }
    }
  }

  const connections: Connection[] = [];
  const ends = pods.map(workloadEnd);
  // Sources whose egress admits any destination, so they pair with every open destination.
  const openEgress = pods.map((_, i) => i).filter((i) => !egress[i]!.isolated || egress[i]!.anyPeerRules.length > 0);
  const anyEgressCache = new Map<number, PortSet>();
  const seen = new Int32Array(pods.length).fill(-1);

  for (let d = 0; d < pods.length; d++) {
    const dest = pods[d]!;
    const inSide = ingress[d]!;
    const inAny = inSide.isolated ? unionRules(inSide.anyPeerRules, dest) : allPorts();
    const candidates: number[] = [];
    const consider = (s: number): void => {
      if (seen[s] === d) return;
      seen[s] = d;
      candidates.push(s);
    };
    if (!inSide.isolated || inSide.anyPeerRules.length > 0) {
      for (const s of openEgress) consider(s);
      for (const s of egressTo[d]!) consider(s);
    } else {
      for (const s of inSide.pods.keys()) consider(s);
    }
    for (const s of candidates) {
      const inPorts = inSide.isolated ? union(inSide.pods.get(s), inAny) : inAny;
      if (isEmptyPorts(inPorts)) continue;
      const outSide = egress[s]!;
      let ports = inPorts;
      if (outSide.isolated) {
        const outPorts = union(outSide.pods.get(d), anyEgressPorts(s, dest));
        ports = isAllPorts(inPorts) ? outPorts : intersectPorts(inPorts, outPorts);
      }
      if (!isEmptyPorts(ports)) connections.push({ from: ends[s]!, to: ends[d]!, ports });
    }
  }

  function anyEgressPorts(s: number, dest: PodInfo): PortSet {
    const rules = egress[s]!.anyPeerRules;
    if (rules.some((r) => hasNamedPorts(r.ports))) return unionRules(rules, dest);
    let hit = anyEgressCache.get(s);
    if (!hit) anyEgressCache.set(s, (hit = unionRules(rules, undefined)));
    return hit;
  }

  // Outside the scanned set: one side's policies decide.
  for (let i = 0; i < pods.length; i++) {
    for (const { end, ports } of outsideOf(ingress[i]!, pods[i]!, false)) connections.push({ from: end, to: ends[i]!, ports });
    for (const { end, ports } of outsideOf(egress[i]!, undefined, true)) connections.push({ from: ends[i]!, to: end, ports });
  }
  return connections;
}

function outsideOf(side: Side, dest: PodInfo | undefined, keepNames: boolean): { end: ConnectionEnd; ports: PortSet }[] {
  const merged = new Map(side.outside);
  const anyPorts = side.isolated ? unionRules(side.anyPeerRules, dest) : allPorts();
  const anyNamed = side.isolated && keepNames ? unionRules(side.anyPeerRules, undefined, true) : anyPorts;
  if (!isEmptyPorts(anyPorts)) {
    addOutside(merged, IPV4_ALL, anyPorts);
    addOutside(merged, IPV6_ALL, anyPorts);
  }
  if (!isEmptyPorts(anyNamed)) addOutside(merged, OTHER_PODS, anyNamed);
  return [...merged.values()].filter((e) => !isEmptyPorts(e.ports));
}

function newSide(): Side {
  return { isolated: false, anyPeerRules: [], pods: new Map(), outside: new Map() };
}

function mergeInto(map: Map<number, PortSet>, key: number, ports: PortSet): void {
  const have = map.get(key);
  if (have) addAll(have, ports);
  else map.set(key, clone(ports));
}

function mergeOutside(side: Side, end: ConnectionEnd, ports: PortSet): void {
  addOutside(side.outside, end, ports);
}

function addOutside(map: Map<string, { end: ConnectionEnd; ports: PortSet }>, end: ConnectionEnd, ports: PortSet): void {
  const key = endKey(end);
  const have = map.get(key);
  if (have) {
    // Copy before adding: entries may be shared with the side's own map.
    const ports2 = clone(have.ports);
    addAll(ports2, ports);
    map.set(key, { end: have.end, ports: ports2 });
  } else map.set(key, { end, ports: clone(ports) });
}

function clone(p: PortSet): PortSet {
  return { ranges: { TCP: [...p.ranges.TCP], UDP: [...p.ranges.UDP], SCTP: [...p.ranges.SCTP] }, named: [...p.named] };
}

function union(a: PortSet | undefined, b: PortSet): PortSet {
  if (!a) return b;
  const out = clone(a);
  addAll(out, b);
  return out;
}

function unionRules(rules: PolicyRule[], dest: PodInfo | undefined, keepNames = false): PortSet {
  const out = emptyPorts();
  for (const r of rules) addAll(out, resolvePorts(r.ports, dest, keepNames));
  return out;
}

/** Scanned pods a selector peer matches. */
function matchPeerPods(index: NetworkIndex, peer: PolicyPeer, policyNamespace: string): PodInfo[] {
  if (peer.ipBlock) return [];
  if (peer.namespaceSelector) {
    const out: PodInfo[] = [];
    for (const [ns, labels] of index.namespaces) {
      if (!matchesSelector(peer.namespaceSelector, labels)) continue;
      for (const pod of index.podsByNamespace.get(ns) ?? []) if (!peer.podSelector || matchesSelector(peer.podSelector, pod.labels)) out.push(pod);
    }
    return out;
  }
  if (peer.podSelector) return (index.podsByNamespace.get(policyNamespace) ?? []).filter((p) => matchesSelector(peer.podSelector!, p.labels));
  return [];
}

/**
 * True when a peer can match pods of namespaces outside the scanned set: it has a
 * namespaceSelector not pinned by `kubernetes.io/metadata.name` to scanned ones.
 */
export function reachesBeyond(index: NetworkIndex, peer: PolicyPeer): boolean {
  const sel = peer.namespaceSelector;
  if (!sel || peer.ipBlock) return false;
  const pinned = sel.matchLabels?.[NAMESPACE_NAME_LABEL];
  if (pinned !== undefined) return !index.namespaces.has(pinned);
  const inExpr = sel.matchExpressions?.find((e) => e.key === NAMESPACE_NAME_LABEL && e.operator === 'In');
  if (inExpr) return !(inExpr.values ?? []).every((v) => index.namespaces.has(v));
  return true;
}

function externalEnd(peer: PolicyPeer): ConnectionEnd {
  return { kind: 'external', cidr: peer.ipBlock!.cidr, except: [...peer.ipBlock!.except] };
}

function podsEnd(peer: PolicyPeer): ConnectionEnd {
  const ns = peer.namespaceSelector!;
  const end: ConnectionEnd = { kind: 'pods', namespaceSelector: ns, label: '' };
  if (peer.podSelector && !isEmptySelector(peer.podSelector)) end.podSelector = peer.podSelector;
  const pods = end.podSelector ? `pods {${formatSelector(end.podSelector)}}` : 'pods';
  end.label = isEmptySelector(ns) ? `${pods} in namespaces outside the scanned set` : `${pods} in namespaces {${formatSelector(ns)}}`;
  return end;
}

function workloadEnd(pod: PodInfo): ConnectionEnd {
  const end: ConnectionEnd = { kind: 'workload', namespace: pod.namespace, name: pod.name };
  if (pod.workload) end.workloadKind = pod.workload.kind;
  return end;
}

/** A stable key for an end, for merging and sorting. */
export function endKey(end: ConnectionEnd): string {
  if (end.kind === 'workload') return `w:${end.namespace}/${end.name}`;
  if (end.kind === 'external') return `x:${end.cidr}${end.except.length ? ` except ${end.except.join(',')}` : ''}`;
  return `p:${end.label}`;
}

/**
 * Text for an end: `ns/name`, `10.0.0.0/8 except 10.1.0.0/16`, `pods in namespaces {…}`.
 */
export function describeEnd(end: ConnectionEnd): string {
  if (end.kind === 'workload') return `${end.namespace}/${end.name}`;
  if (end.kind === 'external') return `${end.cidr}${end.except.length ? ` except ${end.except.join(', ')}` : ''}`;
  return end.label;
}
