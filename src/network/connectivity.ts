/**
 * Every allowed connection between the scanned workloads, and between them and
 * what lies outside: addresses (ipBlocks, `0.0.0.0/0`, `::/0`) and pods of
 * namespaces not in the scanned set. The scanned namespaces are taken as complete:
 * a selector reaches beyond them only through a `namespaceSelector` that is not
 * pinned to scanned namespaces by name.
 *
 * Cost: each policy's podSelector is matched once against the pods of its
 * namespace, and each peer's selectors once against the scanned pods (policies ×
 * workloads label matches at most). Pods selected by the same policies form one
 * class and share one evaluation of those policies' rules, so replicated or
 * uniformly labelled workloads cost once; pairs are then enumerated from what
 * the rules admit, and the work beyond the selector matching follows the number
 * of connections found.
 */
import { IPV4_ALL, IPV6_ALL, OTHER_PODS, endKey, externalEnd, podsEnd, reachesBeyond, workloadEnd, type Connection, type ConnectionEnd } from './connection-ends.js';
import { matchesSelector } from './label-selector.js';
import { indexNetwork, type NetworkIndex } from './network-index.js';
import { addAll, allPorts, emptyPorts, intersectPorts, isAllPorts, isEmptyPorts, type PortSet } from './port-set.js';
import { hasNamedPorts, resolvePorts } from './resolve-ports.js';
import type { NetPolicy, NetworkInput, PodInfo, PolicyPeer, PolicyRule } from './types.js';
import { podClasses, type PodClasses } from './pod-classes.js';

export { describeEnd, endKey, reachesBeyond, type Connection, type ConnectionEnd } from './connection-ends.js';

type Outside = Map<string, { end: ConnectionEnd; ports: PortSet }>;

/** What one direction admits for a class of pods selected by the same policies. */
interface Side {
  /** Rules that admit every peer. */
  anyPeerRules: PolicyRule[];
  /** Scanned pods admitted, by index, ports resolved against the destination. */
  pods: Map<number, PortSet>;
  /** Keys of `pods` whose set this side owns (others are shared, copied on write). */
  owned: Set<number>;
  /** Addresses and unscanned pods admitted. */
  outside: Outside;
  /** Ports of `anyPeerRules` when they do not depend on the destination. */
  anyPorts?: PortSet;
  outsideList?: { end: ConnectionEnd; ports: PortSet }[];
}

const ALL = allPorts();
const NONE = emptyPorts();

/**
 * Lists the allowed connections: computed once per class of equivalent pods
 * (see pod-classes.ts), then expanded to every pod.
 *
 * @example
 * for (const c of computeConnectivity(input)) console.log(describeEnd(c.from), '→', describeEnd(c.to));
 */
export function computeConnectivity(input: NetworkInput): Connection[] {
  return [...expandConnectivity(classConnectivity(input))];
}

/** Connectivity between classes of equivalent pods, before expansion. */
export interface ClassConnectivity {
  input: NetworkInput;
  classes: PodClasses;
  /** Connections between class representatives, and between them and what lies outside. */
  connections: Connection[];
  /** The end each representative was given, by class. */
  classEnds: ConnectionEnd[];
}

/**
 * The class-level result; `expandConnectivity` turns it into per-pod connections.
 *
 * @example
 * const cc = classConnectivity(input);
 * for (const c of expandConnectivity(cc)) write(c);
 */
export function classConnectivity(input: NetworkInput): ClassConnectivity {
  const classes = podClasses(input);
  const classEnds = classes.representatives.map(workloadEnd);
  const connections = podConnectivity({ policies: input.policies, namespaces: input.namespaces, pods: classes.representatives }, classEnds);
  return { input, classes, connections, classEnds };
}

/**
 * Every pod-level connection, one at a time: for each class, each member's
 * connections to every member of each class it reaches, and to and from outside.
 */
export function* expandConnectivity(cc: ClassConnectivity): Generator<Connection> {
  const { input, classes, connections, classEnds } = cc;
  const classOfEnd = new Map<ConnectionEnd, number>(classEnds.map((e, c) => [e, c]));
  const podEnds = input.pods.map((p, i) => (classes.representatives[classes.classOf[i]!] === p ? classEnds[classes.classOf[i]!]! : workloadEnd(p)));
  const outgoing: Connection[][] = classEnds.map(() => []);
  const incoming: Connection[][] = classEnds.map(() => []);
  for (const c of connections) {
    const from = classOfEnd.get(c.from);
    if (from !== undefined) outgoing[from]!.push(c);
    else incoming[classOfEnd.get(c.to)!]!.push(c);
  }
  for (let k = 0; k < classEnds.length; k++) {
    for (const s of classes.members[k]!) {
      const from = podEnds[s]!;
      for (const c of outgoing[k]!) {
        const to = classOfEnd.get(c.to);
        if (to === undefined) { yield { from, to: c.to, ports: c.ports }; continue; }
        for (const d of classes.members[to]!) yield { from, to: podEnds[d]!, ports: c.ports };
      }
      for (const c of incoming[k]!) yield { from: c.from, to: from, ports: c.ports };
    }
  }
}

/** How many pod-level connections `expandConnectivity` yields, without making them. */
export function countConnections(cc: ClassConnectivity): number {
  const classOfEnd = new Map<ConnectionEnd, number>(cc.classEnds.map((e, c) => [e, c]));
  let n = 0;
  for (const c of cc.connections) {
    const from = classOfEnd.get(c.from);
    const to = classOfEnd.get(c.to);
    n += (from === undefined ? 1 : cc.classes.members[from]!.length) * (to === undefined ? 1 : cc.classes.members[to]!.length);
  }
  return n;
}

/** Connections between the given pods, whose ends are `ends` (one per pod). */
function podConnectivity(input: NetworkInput, ends: ConnectionEnd[]): Connection[] {
  const index = indexNetwork(input);
  const pods = input.pods;
  const podIndex = new Map<PodInfo, number>(pods.map((p, i) => [p, i]));
  const peerPods = new Map<PolicyPeer, number[]>();
  const matchedBy = (peer: PolicyPeer, ns: string): number[] => {
    let hit = peerPods.get(peer);
    if (!hit) peerPods.set(peer, (hit = matchPeerPods(index, peer, ns).map((p) => podIndex.get(p)!)));
    return hit;
  };

  // Which policies select each pod, per direction.
  const inPolicies: number[][] = pods.map(() => []);
  const outPolicies: number[][] = pods.map(() => []);
  input.policies.forEach((policy, k) => {
    if (!policy.ingressType && !policy.egressType) return;
    for (const pod of index.podsByNamespace.get(policy.namespace) ?? []) {
      if (!matchesSelector(policy.podSelector, pod.labels)) continue;
      const i = podIndex.get(pod)!;
      if (policy.ingressType) inPolicies[i]!.push(k);
      if (policy.egressType) outPolicies[i]!.push(k);
    }
  });

  // Ingress classes: named ports resolve against the destination, so its ports join the key.
  const inClassOf = new Int32Array(pods.length).fill(-1);
  const inClasses: Side[] = [];
  const inKeys = new Map<string, number>();
  pods.forEach((pod, i) => {
    const ks = inPolicies[i]!;
    if (ks.length === 0) return;
    const named = ks.some((k) => input.policies[k]!.ingress.some((r) => hasNamedPorts(r.ports)));
    const key = `${ks.join(',')}${named ? `|${pod.ports.map((p) => `${p.name}/${p.protocol}/${p.port}`).join(',')}` : ''}`;
    let c = inKeys.get(key);
    if (c === undefined) {
      inKeys.set(key, (c = inClasses.length));
      inClasses.push(buildIngress(ks.map((k) => input.policies[k]!), pod));
    }
    inClassOf[i] = c;
  });

  const outClassOf = new Int32Array(pods.length).fill(-1);
  const outClasses: Side[] = [];
  const outMembers: number[][] = [];
  const outKeys = new Map<string, number>();
  pods.forEach((_, i) => {
    const ks = outPolicies[i]!;
    if (ks.length === 0) return;
    const key = ks.join(',');
    let c = outKeys.get(key);
    if (c === undefined) {
      outKeys.set(key, (c = outClasses.length));
      outClasses.push(buildEgress(ks.map((k) => input.policies[k]!)));
      outMembers.push([]);
    }
    outClassOf[i] = c;
    outMembers[c]!.push(i);
  });

  function buildIngress(policies: NetPolicy[], dest: PodInfo): Side {
    const side = newSide();
    for (const policy of policies) {
      for (const rule of policy.ingress) {
        if (!rule.peers?.length) { side.anyPeerRules.push(rule); continue; }
        const ports = portsFor(rule, dest);
        if (isEmptyPorts(ports)) continue;
        for (const peer of rule.peers) {
          for (const src of matchedBy(peer, policy.namespace)) mergeInto(side, src, ports);
          const beyond = peer.ipBlock ? externalEnd(peer) : reachesBeyond(index, peer) ? podsEnd(peer) : undefined;
          if (beyond) addOutside(side.outside, beyond, ports);
        }
      }
    }
    return side;
  }

  function buildEgress(policies: NetPolicy[]): Side {
    const side = newSide();
    for (const policy of policies) {
      for (const rule of policy.egress) {
        if (!rule.peers?.length) { side.anyPeerRules.push(rule); continue; }
        for (const peer of rule.peers) {
          for (const dst of matchedBy(peer, policy.namespace)) {
            const ports = portsFor(rule, pods[dst]!);
            if (!isEmptyPorts(ports)) mergeInto(side, dst, ports);
          }
          const beyond = peer.ipBlock ? externalEnd(peer) : reachesBeyond(index, peer) ? podsEnd(peer) : undefined;
          if (beyond) addOutside(side.outside, beyond, resolvePorts(rule.ports, undefined, beyond.kind === 'pods'));
        }
      }
    }
    return side;
  }

  // Egress classes that name each destination, and pods whose egress admits any destination.
  const egressTo: number[][] = pods.map(() => []);
  outClasses.forEach((side, c) => { for (const d of side.pods.keys()) egressTo[d]!.push(c); });
  const openEgress = pods.map((_, i) => i).filter((i) => outClassOf[i]! < 0 || outClasses[outClassOf[i]!]!.anyPeerRules.length > 0);

  const connections: Connection[] = [];
  const seen = new Int32Array(pods.length).fill(-1);
  const candidates: number[] = [];
  for (let d = 0; d < pods.length; d++) {
    const dest = pods[d]!;
    const inSide = inClassOf[d]! < 0 ? undefined : inClasses[inClassOf[d]!]!;
    const inAny = inSide ? anyPorts(inSide, dest) : ALL;
    candidates.length = 0;
    const consider = (s: number): void => {
      if (seen[s] === d) return;
      seen[s] = d;
      candidates.push(s);
    };
    if (!inSide || inSide.anyPeerRules.length > 0) {
      for (const s of openEgress) consider(s);
      for (const c of egressTo[d]!) for (const s of outMembers[c]!) consider(s);
    } else {
      for (const s of inSide.pods.keys()) consider(s);
    }
    for (const s of candidates) {
      const inPorts = inSide ? union(inSide.pods.get(s), inAny) : ALL;
      if (isEmptyPorts(inPorts)) continue;
      let ports = inPorts;
      const oc = outClassOf[s]!;
      if (oc >= 0) {
        const outSide = outClasses[oc]!;
        const outPorts = union(outSide.pods.get(d), anyPorts(outSide, dest));
        ports = isAllPorts(inPorts) ? outPorts : isAllPorts(outPorts) ? inPorts : intersectPorts(inPorts, outPorts);
      }
      if (!isEmptyPorts(ports)) connections.push({ from: ends[s]!, to: ends[d]!, ports });
    }
  }

  // Outside the scanned set only one side's policies decide.
  const openIn = outsideOf(undefined, undefined, false);
  const openOut = outsideOf(undefined, undefined, true);
  for (let i = 0; i < pods.length; i++) {
    const inSide = inClassOf[i]! < 0 ? undefined : inClasses[inClassOf[i]!]!;
    const ins = inSide ? (inSide.outsideList ??= outsideOf(inSide, pods[i], false)) : openIn;
    for (const { end, ports } of ins) connections.push({ from: end, to: ends[i]!, ports });
    const outSide = outClassOf[i]! < 0 ? undefined : outClasses[outClassOf[i]!]!;
    const outs = outSide ? (outSide.outsideList ??= outsideOf(outSide, undefined, true)) : openOut;
    for (const { end, ports } of outs) connections.push({ from: ends[i]!, to: end, ports });
  }
  return connections;
}

/** Ports of a side's every-peer rules towards `dest`; cached when no named port makes them depend on it. */
function anyPorts(side: Side, dest: PodInfo): PortSet {
  if (side.anyPeerRules.length === 0) return NONE;
  if (side.anyPorts) return side.anyPorts;
  const ports = unionRules(side.anyPeerRules, dest);
  if (!side.anyPeerRules.some((r) => hasNamedPorts(r.ports))) side.anyPorts = ports;
  return ports;
}

/** A rule's ports towards `dest`, shared between destinations when no named port makes them differ. */
const sharedPorts = new WeakMap<PolicyRule, PortSet>();
function portsFor(rule: PolicyRule, dest: PodInfo): PortSet {
  if (hasNamedPorts(rule.ports)) return resolvePorts(rule.ports, dest);
  let hit = sharedPorts.get(rule);
  if (!hit) sharedPorts.set(rule, (hit = resolvePorts(rule.ports, undefined)));
  return hit;
}

function outsideOf(side: Side | undefined, dest: PodInfo | undefined, keepNames: boolean): { end: ConnectionEnd; ports: PortSet }[] {
  const merged: Outside = new Map(side?.outside ?? []);
  const anyP = side ? unionRules(side.anyPeerRules, dest) : ALL;
  const anyNamed = side && keepNames ? unionRules(side.anyPeerRules, undefined, true) : anyP;
  if (!isEmptyPorts(anyP)) {
    addOutside(merged, IPV4_ALL, anyP);
    addOutside(merged, IPV6_ALL, anyP);
  }
  if (!isEmptyPorts(anyNamed)) addOutside(merged, OTHER_PODS, anyNamed);
  return [...merged.values()].filter((e) => !isEmptyPorts(e.ports));
}

function newSide(): Side {
  return { anyPeerRules: [], pods: new Map(), owned: new Set(), outside: new Map() };
}

/** Adds ports for a pod, sharing the given set until a second one must be merged in. */
function mergeInto(side: Side, key: number, ports: PortSet): void {
  const have = side.pods.get(key);
  if (!have) { side.pods.set(key, ports); return; }
  if (have === ports) return;
  if (side.owned.has(key)) { addAll(have, ports); return; }
  const mine = clone(have);
  addAll(mine, ports);
  side.pods.set(key, mine);
  side.owned.add(key);
}

function addOutside(map: Outside, end: ConnectionEnd, ports: PortSet): void {
  const key = endKey(end);
  const have = map.get(key);
  if (have) {
    // A fresh set: entries may be shared with another map.
    const merged = clone(have.ports);
    addAll(merged, ports);
    map.set(key, { end: have.end, ports: merged });
  } else map.set(key, { end, ports });
}

function clone(p: PortSet): PortSet {
  return { ranges: { TCP: [...p.ranges.TCP], UDP: [...p.ranges.UDP], SCTP: [...p.ranges.SCTP] }, named: [...p.named] };
}

function union(a: PortSet | undefined, b: PortSet): PortSet {
  if (!a) return b;
  if (b === NONE || isEmptyPorts(b)) return a;
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
